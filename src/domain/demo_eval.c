/*
 * demo_eval.c: the demo's evaluations: a closing evaluation per session
 * (a question on that morning's topics, two on the OCOP programme, the
 * four satisfaction ratings and an optional comment) and a final test over
 * the series.  The OCOP facts asked about are those of the criteria
 * reference (shared/data/ocop-criteria.md): three parts, five star
 * bands, 3 stars from 50 points.
 */
#include "domain/demo.h"
#include "db/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

struct demo_q {
	const char *kind, *prompt;
	int points, partial;
	const char *opts[6]; /* a leading '*' marks a correct option */
};

static const struct demo_q demo_bank[] = {
	{"single", "Sản phẩm OCOP được phân hạng theo thang bao nhiêu sao?", 1, 0,
	 {"3 sao", "*5 sao", "7 sao", "10 sao"}},
	{"single", "Bộ tiêu chí đánh giá sản phẩm OCOP gồm mấy phần?", 1, 0,
	 {"Hai phần", "*Ba phần (A, B, C)", "Bốn phần", "Năm phần"}},
	{"single", "Sản phẩm đạt bao nhiêu điểm thì được xếp hạng 3 sao?", 1, 0,
	 {"Từ 30 đến dưới 50 điểm", "*Từ 50 đến dưới 70 điểm", "Từ 70 đến dưới 90 điểm",
	  "Từ 90 điểm trở lên"}},
	{"multiple", "Những chủ thể nào có thể tham gia Chương trình OCOP? (chọn tất cả ý đúng)", 2,
	 1,
	 {"*Doanh nghiệp", "*Hợp tác xã", "*Tổ hợp tác", "*Hộ sản xuất có đăng ký kinh doanh",
	  "Cơ quan hành chính nhà nước"}},
	{"single", "Phần C của Bộ tiêu chí OCOP đánh giá nội dung nào?", 1, 0,
	 {"Sức mạnh cộng đồng", "Khả năng tiếp thị", "*Chất lượng sản phẩm", "Câu chuyện sản phẩm"}},
	{"single", "Hạng sao thấp nhất được công nhận là sản phẩm OCOP là:", 1, 0,
	 {"1 sao", "2 sao", "*3 sao", "4 sao"}},
	{"single", "Phần B của Bộ tiêu chí OCOP đánh giá nội dung nào?", 1, 0,
	 {"Chất lượng sản phẩm", "*Khả năng tiếp thị", "Nguồn nguyên liệu", "Bao bì"}},
	{"multiple", "Hồ sơ minh chứng tham gia OCOP thường gồm những gì? (chọn tất cả ý đúng)", 2, 1,
	 {"*Phiếu đăng ký sản phẩm", "*Phương án sản xuất kinh doanh", "*Tài liệu chứng minh chất lượng",
	  "Giấy khai sinh của chủ thể"}},
};

static const char *const demo_aspects[][2] = {
	{"content", "Nội dung buổi tập huấn hữu ích cho công việc của anh/chị"},
	{"speaker", "Báo cáo viên trình bày rõ ràng, dễ hiểu"},
	{"organisation", "Công tác tổ chức buổi tập huấn"},
	{"platform", "Chất lượng nền tảng trực tuyến (Zoom, Facebook, YouTube)"},
};

static int demo_question(struct db *db, int64_t eval, int pos, const char *kind,
			 const char *prompt, int points, int partial, const char *aspect,
			 int required, int64_t *qid)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO questions (evaluation_id, position, kind, "
					    "prompt, points, partial, aspect, required) VALUES "
					    "($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id");
	if (!st)
		return -1;
	db_bind_int(st, 1, eval);
	db_bind_int(st, 2, pos);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, prompt);
	db_bind_int(st, 5, points);
	db_bind_int(st, 6, partial);
	db_bind_text(st, 7, aspect);
	db_bind_int(st, 8, required);
	return db_one_int(st, qid) == DB_OK ? 0 : -1;
}

static int demo_option(struct db *db, int64_t qid, int pos, const char *label, int correct)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO options (question_id, position, label, "
					    "correct) VALUES ($1, $2, $3, $4)");
	if (!st)
		return -1;
	db_bind_int(st, 1, qid);
	db_bind_int(st, 2, pos);
	db_bind_text(st, 3, label);
	db_bind_int(st, 4, correct);
	return db_run(st) == DB_OK ? 0 : -1;
}

static int demo_bank_question(struct db *db, int64_t eval, int pos, const struct demo_q *q)
{
	int64_t qid;

	if (demo_question(db, eval, pos, q->kind, q->prompt, q->points, q->partial, "", 1, &qid))
		return -1;
	for (int i = 0; i < 6 && q->opts[i]; i++)
		if (demo_option(db, qid, i + 1, q->opts[i] + (q->opts[i][0] == '*'),
				q->opts[i][0] == '*'))
			return -1;
	return 0;
}

static int64_t demo_evaluation(struct db *db, int64_t series, int64_t session, const char *title,
			       int64_t opens, int64_t closes, int pass_mark, int64_t now)
{
	unsigned char raw[5];
	char code[16];
	int64_t id;
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

	/* Short enough to read out on a stream: 7 characters, no look-alikes. */
	randombytes_buf(raw, sizeof(raw));
	for (int i = 0; i < 7; i++)
		code[i] = alphabet[(raw[i % 5] + i * 7) % (sizeof(alphabet) - 1)];
	code[7] = 0;
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO evaluations (series_id, session_id, code, title, instructions, "
		    "opens_at, closes_at, pass_mark, allow_change, show_answers, shuffle_options, "
		    "counts_as_presence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
		    "$8, 0, 1, 1, 1, $9, $9) RETURNING id");
	if (!st)
		return -1;
	db_bind_int(st, 1, series);
	if (session)
		db_bind_int(st, 2, session);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, code);
	db_bind_text(st, 4, title);
	db_bind_text(st, 5, "Xin anh/chị dành vài phút trả lời các câu hỏi dưới đây. Kết quả là căn "
			    "cứ để Ban tổ chức cấp giấy chứng nhận.");
	db_bind_int(st, 6, opens);
	db_bind_int(st, 7, closes);
	db_bind_int(st, 8, pass_mark);
	db_bind_int(st, 9, now);
	return db_one_int(st, &id) == DB_OK ? id : -1;
}

/* The question on a session's topics: this morning's are correct. */
static int demo_topic_question(struct db *db, int64_t eval, int pos, int64_t series,
			       int64_t session)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT title, session_id = $2 FROM topics WHERE series_id = $1 "
		    "ORDER BY (session_id = $2) DESC, position LIMIT 4");
	char titles[4][200];
	int correct[4], n = 0;
	int64_t qid;

	if (!st)
		return -1;
	db_bind_int(st, 1, series);
	db_bind_int(st, 2, session);
	while (db_step(st) == DB_ROW && n < 4) {
		snprintf(titles[n], sizeof(titles[n]), "%s", db_col_text(st, 0));
		correct[n++] = (int)db_col_int(st, 1);
	}
	db_done(st);
	if (demo_question(db, eval, pos, "multiple",
			  "Buổi tập huấn hôm nay có những chuyên đề nào? (chọn tất cả ý đúng)", 2, 0,
			  "", 1, &qid))
		return -1;
	/* Rotate so the correct ones are not always first. */
	for (int i = 0; i < n; i++) {
		int k = (i + (int)session) % n;
		if (demo_option(db, qid, i + 1, titles[k], correct[k]))
			return -1;
	}
	return 0;
}

static int demo_ratings(struct db *db, int64_t eval, int pos)
{
	int64_t qid;

	for (int i = 0; i < 4; i++)
		if (demo_question(db, eval, pos + i, "rating", demo_aspects[i][1], 0, 0,
				  demo_aspects[i][0], 1, &qid))
			return -1;
	return demo_question(db, eval, pos + 4, "text",
			     "Góp ý của anh/chị cho Ban tổ chức (không bắt buộc)", 0, 0, "", 0,
			     &qid);
}

int demo_load_evaluations(struct db *db, int64_t series, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, position, starts_at, ends_at FROM sessions "
					    "WHERE series_id = $1 ORDER BY position");
	int64_t sessions[16][3];
	int n = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, series);
	while (db_step(st) == DB_ROW && n < 16) {
		sessions[n][0] = db_col_int(st, 0);
		sessions[n][1] = db_col_int(st, 2);
		sessions[n][2] = db_col_int(st, 3);
		n++;
	}
	db_done(st);
	for (int i = 0; i < n; i++) {
		char title[96];
		snprintf(title, sizeof(title), "Đánh giá cuối buổi %d", i + 1);
		/* Open from the start of the morning until the next day's end. */
		int64_t e = demo_evaluation(db, series, sessions[i][0], title, sessions[i][1],
					    sessions[i][2] + 24 * 3600, 50, now);
		if (e < 0 || demo_topic_question(db, e, 1, series, sessions[i][0]) ||
		    demo_bank_question(db, e, 2, &demo_bank[(2 * i) % 8]) ||
		    demo_bank_question(db, e, 3, &demo_bank[(2 * i + 1) % 8]) ||
		    demo_ratings(db, e, 4))
			return -1;
	}
	if (n == 0)
		return 0;
	int64_t fin = demo_evaluation(db, series, 0, "Bài kiểm tra cuối khóa", sessions[n - 1][1],
				      sessions[n - 1][2] + 7 * 24 * 3600, 70, now);
	if (fin < 0)
		return -1;
	for (int i = 0; i < 8; i++)
		if (demo_bank_question(db, fin, i + 1, &demo_bank[i]))
			return -1;
	return 0;
}
