/*
 * demo.c: the seed's series (see demo.h).  Facts from the seed document
 * (shared/seed/): the three organisers, the eight mornings, the eleven
 * topics in order, the Facebook page and YouTube channel.  The seed gives
 * no hours (we use 08:00-11:30), no Zoom link (a placeholder meeting),
 * and no topic-to-morning split: the first three mornings carry two topics
 * each, the last five one each, in the seed's order.
 */
#include "domain/demo.h"
#include "core/vtime.h"
#include "db/db.h"

#include <stddef.h>
#include <time.h>

static const char *const demo_orgs[][3] = {
	{"Trung tâm Phát triển Nông thôn Saemaul Undong, Trường Đại học Khoa học Xã hội và Nhân "
	 "văn, ĐHQG-HCM",
	 "Trung tâm Saemaul Undong", "https://www.facebook.com/ptntsu"},
	{"Văn phòng Điều phối Nông thôn mới Trung ương", "VPĐP NTM Trung ương", ""},
	{"Tổ chức Đại học Pháp ngữ (AUF)", "AUF", ""},
};

static const int demo_days[][2] = {{28, 9}, {30, 9}, {1, 10}, {4, 10},
				   {6, 10},  {8, 10},  {11, 10}, {13, 10}};

static const char *const demo_topics[] = {
	"Chương trình OCOP: những điều cần biết khi tham gia",
	"Phát triển sản phẩm từ tiềm năng, lợi thế của địa phương",
	"Xây dựng phương án sản xuất, kinh doanh cho sản phẩm OCOP",
	"Xây dựng câu chuyện sản phẩm OCOP",
	"Xây dựng và bảo vệ thương hiệu sản phẩm nông nghiệp",
	"Xử lý sau thu hoạch",
	"Phương pháp và công cụ xây dựng mô hình hợp tác xã du lịch bền vững",
	"Bộ tiêu chí đánh giá, phân hạng sản phẩm OCOP và cách thức tham gia",
	"Quy trình, thủ tục và hồ sơ minh chứng tham gia Chương trình OCOP",
	"Chuẩn hóa điểm đến, dịch vụ du lịch cộng đồng theo tiêu chí OCOP",
	"Ứng dụng chuyển đổi số trong Chương trình OCOP",
};

/* Session (0-based) of each topic. */
static const int demo_topic_session[] = {0, 0, 1, 1, 2, 2, 3, 4, 5, 6, 7};

static const char *const demo_description =
	"Chuỗi tập huấn trực tuyến nhằm nâng cao nhận thức về Chương trình Mỗi xã một sản phẩm "
	"(OCOP); hướng dẫn doanh nghiệp, hợp tác xã, tổ hợp tác và hộ sản xuất tham gia hiệu "
	"quả; tăng cường sản xuất, nâng cao giá trị gia tăng, kết nối sản phẩm OCOP với nhu cầu "
	"thị trường; và là diễn đàn trao đổi kinh nghiệm giữa các cấp, các địa phương. Dành cho "
	"cán bộ quản lý chương trình OCOP cấp tỉnh, huyện và các chủ thể OCOP: doanh nghiệp, "
	"hợp tác xã, tổ hợp tác.";

static int demo_series(struct db *db, const char *slug, const char *title, int64_t shift,
		       int64_t now)
{
	struct db_stmt *st;
	int64_t id, sessions[8];

	st = db_prepare(db, "SELECT id FROM series WHERE slug = $1");
	if (!st)
		return -1;
	db_bind_text(st, 1, slug);
	int rc = db_one_int(st, &id);
	if (rc == DB_OK)
		return 0;
	if (rc != DB_NOTFOUND)
		return -1;

	int64_t start = vtime_local(2021, 9, 28, 8, 0) + shift;
	int64_t end = vtime_local(2021, 10, 13, 11, 30) + shift;
	st = db_prepare(db, "INSERT INTO series (slug, title, description, starts_at, ends_at, "
			    "province_list, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, "
			    "'2025', $6, $6) RETURNING id");
	if (!st)
		return -1;
	db_bind_text(st, 1, slug);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, demo_description);
	db_bind_int(st, 4, start);
	db_bind_int(st, 5, end);
	db_bind_int(st, 6, now);
	if (db_one_int(st, &id) != DB_OK)
		return -1;

	for (size_t i = 0; i < 3; i++) {
		st = db_prepare(db, "INSERT INTO series_organizers (series_id, position, name, "
				    "short_name, url) VALUES ($1, $2, $3, $4, $5)");
		if (!st)
			return -1;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, demo_orgs[i][0]);
		db_bind_text(st, 4, demo_orgs[i][1]);
		db_bind_text(st, 5, demo_orgs[i][2]);
		if (db_run(st) != DB_OK)
			return -1;
	}
	static const char *const chans[][3] = {
		{"zoom", "Zoom (ID phòng họp 920 2109 2800)", "https://zoom.us/j/92021092800"},
		{"facebook", "Fanpage Facebook: Phát triển Nông thôn Saemaul Undong",
		 "https://www.facebook.com/ptntsu"},
		{"youtube", "Kênh YouTube", "https://m.youtube.com/channel/UCGpgzf0uznc_Zkj7aZJEKHA"},
	};
	for (size_t i = 0; i < 3; i++) {
		st = db_prepare(db, "INSERT INTO channels (series_id, position, kind, label, url) "
				    "VALUES ($1, $2, $3, $4, $5)");
		if (!st)
			return -1;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (int64_t)i + 1);
		db_bind_text(st, 3, chans[i][0]);
		db_bind_text(st, 4, chans[i][1]);
		db_bind_text(st, 5, chans[i][2]);
		if (db_run(st) != DB_OK)
			return -1;
	}
	for (size_t i = 0; i < 8; i++) {
		st = db_prepare(db, "INSERT INTO sessions (series_id, position, starts_at, ends_at) "
				    "VALUES ($1, $2, $3, $4) RETURNING id");
		if (!st)
			return -1;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, (int64_t)i + 1);
		db_bind_int(st, 3, vtime_local(2021, demo_days[i][1], demo_days[i][0], 8, 0) + shift);
		db_bind_int(st, 4,
			    vtime_local(2021, demo_days[i][1], demo_days[i][0], 11, 30) + shift);
		if (db_one_int(st, &sessions[i]) != DB_OK)
			return -1;
	}
	for (size_t i = 0; i < 11; i++) {
		st = db_prepare(db, "INSERT INTO topics (series_id, session_id, position, title) "
				    "VALUES ($1, $2, $3, $4)");
		if (!st)
			return -1;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, sessions[demo_topic_session[i]]);
		db_bind_int(st, 3, (int64_t)i + 1);
		db_bind_text(st, 4, demo_topics[i]);
		if (db_run(st) != DB_OK)
			return -1;
	}
	if (demo_load_evaluations(db, id, now) != 0 ||
	    demo_load_certificates(db, id, slug, shift == 0, now) != 0)
		return -1;
	return 1;
}

int demo_load(struct db *db, bool live)
{
	int64_t now = (int64_t)time(NULL);
	int added = 0, rc;

	if (db_begin(db) != DB_OK)
		return -1;
	rc = demo_series(db, "ocop-2021",
			 "Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021", 0, now);
	if (rc < 0)
		goto fail;
	added += rc;
	if (live) {
		/* The whole schedule moves by one amount: the first session
		 * began an hour ago, the others follow at the same intervals. */
		int64_t first = vtime_local(2021, 9, 28, 8, 0);
		rc = demo_series(db, "ocop-live",
				 "Chuỗi tập huấn OCOP (bản chạy thử, đang diễn ra)",
				 now - 3600 - first, now);
		if (rc < 0)
			goto fail;
		added += rc;
	}
	if (db_commit(db) != DB_OK)
		goto fail;
	return added;
fail:
	db_rollback(db);
	return -1;
}
