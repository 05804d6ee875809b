/*
 * test_smtp.c: tests for src/mail/smtp.c.
 *
 * Header encoding is checked by decoding the encoded-words here.  Sending is
 * checked end to end against tests/tools/smtp_sink.py (aiosmtpd), and the
 * stored .eml is read back by Python's email package (tests/tools/read_eml.py)
 * so that an independent decoder judges what we wrote.  Failure cases use the
 * sink's injection options, a port nobody listens on, a socket that accepts
 * but never greets, and a scripted server (fake_server) that drops the
 * connection in the middle of the body or goes silent after it.
 *
 * Needs /usr/bin/python3 with python3-aiosmtpd, and jansson to read the JSON.
 * Run from the source root, or set OCOP_SRCDIR to it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/buf.h"
#include "mail/smtp.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <jansson.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define PYTHON "/usr/bin/python3"

static const char vn_subject[] = "Xác nhận đăng ký – Chuỗi tập huấn OCOP 2021";

/* ---- decoding encoded-words, independently of smtp.c ---- */

static int b64_value(char c)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(b64, c) : NULL;

	return p ? (int)(p - b64) : -1;
}

static int b64_decode(const char *s, size_t n, struct buf *out)
{
	if (n % 4)
		return -1;
	for (size_t i = 0; i < n; i += 4) {
		int v[4];
		unsigned w = 0;

		for (int k = 0; k < 4; k++) {
			v[k] = s[i + k] == '=' && k >= 2 ? 0 : b64_value(s[i + k]);
			if (v[k] < 0)
				return -1;
			w = w << 6 | (unsigned)v[k];
		}
		buf_addc(out, (char)(w >> 16));
		if (s[i + 2] != '=')
			buf_addc(out, (char)(w >> 8 & 255));
		if (s[i + 3] != '=')
			buf_addc(out, (char)(w & 255));
	}
	return 0;
}

/* Complete, valid UTF-8 (no character cut at either end). */
static bool utf8_valid(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : s[i] >= 0xf0 ? 4 : s[i] >= 0xe0 ? 3 : 2;

		if (s[i] >= 0x80 && s[i] < 0xc2)
			return false;
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
		i += len;
	}
	return true;
}

/*
 * Decodes a value made only of "=?UTF-8?B?...?=" words joined by CRLF SP.
 * Each word must be at most max_word characters and decode to whole
 * characters on its own.  Returns the number of words, -1 if malformed.
 */
static int decode_words(const char *enc, struct buf *out, size_t max_word)
{
	int words = 0;

	for (const char *p = enc;; words++) {
		const char *end = strstr(p, "\r\n ");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		size_t before = out->len;

		if (n > max_word || n < 12 || strncmp(p, "=?UTF-8?B?", 10) ||
		    strncmp(p + n - 2, "?=", 2))
			return -1;
		if (b64_decode(p + 10, n - 12, out) < 0)
			return -1;
		if (!utf8_valid((const unsigned char *)out->p + before, out->len - before))
			return -1;
		if (!end)
			return words + 1;
		p = end + 3;
	}
}

/* ---- header encoding ---- */

static void test_encode_ascii_unchanged(void **state)
{
	static const char *const cases[] = {
	    "",
	    "Hello",
	    "Registration confirmed: OCOP 2021 (Ha Noi)",
	    "a \"quoted\" <x> & y",
	    "=",
	    "?=",
	    "100% = ?",
	};
	struct buf b;

	(void)state;
	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		smtp_encode_header(&b, cases[i]);
		assert_string_equal(b.p, cases[i]);
	}
	buf_release(&b);
}

static void test_encode_vietnamese(void **state)
{
	struct buf enc, dec;
	int words;

	(void)state;
	buf_init(&enc, 0);
	buf_init(&dec, 0);
	smtp_encode_header(&enc, vn_subject);
	words = decode_words(enc.p, &dec, 64);
	assert_true(words >= 2);
	assert_string_equal(dec.p, vn_subject);
	buf_release(&enc);
	buf_release(&dec);
}

/* Hostile values: what comes out must decode to the safe form given. */
static void test_encode_hostile(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
	    {"a\r\nBcc: victim@example.org", "a  Bcc: victim@example.org"},
	    {"tab\there", "tab here"},
	    {"=?UTF-8?B?QUJD?=", "=?UTF-8?B?QUJD?="},
	    {"bad \xff\xfe end", "bad \xef\xbf\xbd\xef\xbf\xbd end"},
	    {"cut \xe1\xba", "cut \xef\xbf\xbd\xef\xbf\xbd"},
	    {"overlong \xc0\xaf", "overlong \xef\xbf\xbd\xef\xbf\xbd"},
	    {"surrogate \xed\xa0\x80", "surrogate \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"},
	    {"emoji \xf0\x9f\x8c\xbe ok", "emoji \xf0\x9f\x8c\xbe ok"},
	    {"del\x7f", "del "},
	};
	struct buf enc, dec;

	(void)state;
	buf_init(&enc, 0);
	buf_init(&dec, 0);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&enc);
		buf_reset(&dec);
		smtp_encode_header(&enc, cases[i].in);
		assert_true(decode_words(enc.p, &dec, 64) >= 1);
		assert_string_equal(dec.p, cases[i].want);
	}
	buf_release(&enc);
	buf_release(&dec);
}

/* Word boundaries: every length around the 39-byte split, and a long value. */
static void test_encode_lengths(void **state)
{
	struct buf in, enc, dec;

	(void)state;
	buf_init(&in, 0);
	buf_init(&enc, 0);
	buf_init(&dec, 0);
	for (int n = 1; n <= 400; n++) {
		buf_adds(&in, n % 7 == 0 ? " " : n % 3 ? "ệ" : "a");
		buf_reset(&enc);
		buf_reset(&dec);
		smtp_encode_header(&enc, in.p);
		assert_true(decode_words(enc.p, &dec, 64) >= 1);
		assert_string_equal(dec.p, in.p);
	}
	buf_release(&in);
	buf_release(&enc);
	buf_release(&dec);
}

/* ---- processes ---- */

static const char *srcdir(void)
{
	const char *s = getenv("OCOP_SRCDIR");

	return s ? s : ".";
}

/* Runs argv, collects stdout into out; returns the exit status or -1. */
static int run_capture(char *const argv[], struct buf *out)
{
	int fd[2], status;
	pid_t pid;
	char chunk[4096];
	ssize_t n;

	if (pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	while ((n = read(fd[0], chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)n);
	close(fd[0]);
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static json_t *read_json(const char *flag, const char *path)
{
	char script[512];
	char *argv[] = {PYTHON, script, (char *)flag, (char *)path, NULL};
	struct buf out;
	json_t *j;

	snprintf(script, sizeof(script), "%s/tests/tools/read_eml.py", srcdir());
	if (!flag) {
		argv[2] = (char *)path;
		argv[3] = NULL;
	}
	buf_init(&out, 0);
	assert_int_equal(run_capture(argv, &out), 0);
	j = json_loads(out.p, 0, NULL);
	assert_non_null(j);
	buf_release(&out);
	return j;
}

struct sink {
	pid_t pid;
	int port;
	char dir[64];
	char url[64];
};

/* Starts smtp_sink.py on a free port with extra options (NULL-terminated). */
static void sink_start(struct sink *s, const char *const *extra)
{
	char script[512], line[64] = "";
	char *argv[16] = {PYTHON, script, "--port", "0", "--dir", s->dir};
	int fd[2], argc = 6;
	size_t got = 0;
	struct pollfd pfd;

	snprintf(s->dir, sizeof(s->dir), "/tmp/ocop-test-smtp-XXXXXX");
	assert_non_null(mkdtemp(s->dir));
	snprintf(script, sizeof(script), "%s/tests/tools/smtp_sink.py", srcdir());
	for (; extra && *extra && argc < 15; extra++)
		argv[argc++] = (char *)*extra;
	argv[argc] = NULL;
	assert_int_equal(pipe(fd), 0);
	s->pid = fork();
	assert_true(s->pid >= 0);
	if (s->pid == 0) {
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(fd[1]);
	pfd = (struct pollfd){.fd = fd[0], .events = POLLIN};
	while (!strchr(line, '\n') && got < sizeof(line) - 1 && poll(&pfd, 1, 10000) == 1) {
		ssize_t n = read(fd[0], line + got, sizeof(line) - 1 - got);

		if (n <= 0)
			break;
		got += (size_t)n;
		line[got] = 0;
	}
	close(fd[0]);
	assert_memory_equal(line, "ready ", 6);
	s->port = (int)strtol(line + 6, NULL, 10);
	assert_true(s->port > 0);
	snprintf(s->url, sizeof(s->url), "smtp://127.0.0.1:%d", s->port);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void sink_stop(struct sink *s)
{
	kill(s->pid, SIGTERM);
	waitpid(s->pid, NULL, 0);
	nftw(s->dir, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
}

/* Tests that need a sink get one in *state; teardown stops it even after a failed assert. */
static int sink_setup(void **state)
{
	*state = calloc(1, sizeof(struct sink));
	return *state ? 0 : -1;
}

static int sink_teardown(void **state)
{
	struct sink *s = *state;

	if (s->pid > 0)
		sink_stop(s);
	free(s);
	return 0;
}

static int is_eml(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 4 && !strcmp(d->d_name + n - 4, ".eml");
}

/* Path of the i-th stored message, or "" when there are not that many. */
static int sink_count(const struct sink *s, int i, char *path, size_t path_len)
{
	struct dirent **list;
	int n = scandir(s->dir, &list, is_eml, alphasort);

	assert_true(n >= 0);
	path[0] = 0;
	if (i < n && strlen(s->dir) + strlen(list[i]->d_name) + 2 <= path_len) {
		/* Lengths checked above: the copy cannot be cut short. */
		size_t dl = strlen(s->dir);
		memcpy(path, s->dir, dl);
		path[dl] = '/';
		memcpy(path + dl + 1, list[i]->d_name, strlen(list[i]->d_name) + 1);
	}
	for (int k = 0; k < n; k++)
		free(list[k]);
	free(list);
	return n;
}

/* A port with nothing listening: bound, read, closed. */
static int dead_port(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	return ntohs(a.sin_port);
}

static struct mail_message plain_msg(const char *to, const char *id)
{
	return (struct mail_message){
	    .from_name = "Ban tổ chức OCOP",
	    .from_addr = "noreply@example.org",
	    .to_addr = to,
	    .subject = "Plain",
	    .message_id = id,
	    .text = "Hello.\n",
	};
}

/* ---- sending ---- */

#define ATT_LEN (2u << 20)

static const char vn_text[] =
    "Xin chào Nguyễn Thị Hồng Nhung,\n"
    ".\n"
    ".dòng bắt đầu bằng dấu chấm\n"
    "Một dòng rất dài để kiểm tra ngắt dòng mềm của quoted-printable: "
    "Chương trình mỗi xã một sản phẩm (OCOP) năm 2021 gồm các chuỗi tập huấn "
    "trực tuyến cho chủ thể OCOP trên toàn quốc, = dấu bằng, tab\tvà hết.\n"
    "khoảng trắng cuối dòng   \n"
    "Trân trọng.\n";
static const char vn_html[] = "<p>Xin chào <b>Nguyễn Thị Hồng Nhung</b>,</p>\n<p>Trân trọng.</p>\n";

static unsigned char *make_blob(size_t n)
{
	unsigned char *p = malloc(n);
	uint32_t x = 2463534242u;

	assert_non_null(p);
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		p[i] = (unsigned char)x;
	}
	/* Bytes that would end the DATA phase if they ever went out raw. */
	memcpy(p + 1000, "\r\n.\r\n", 5);
	return p;
}

static const char *jstr(json_t *o, const char *path1, const char *path2)
{
	json_t *v = json_object_get(o, path1);

	if (path2)
		v = json_object_get(v, path2);
	assert_true(json_is_string(v));
	return json_string_value(v);
}

static void check_roundtrip(json_t *j, const char *att_sha)
{
	static const char *const tree[] = {"multipart/mixed", "multipart/alternative", "text/plain",
	                                   "text/html",       "application/pdf",       "text/csv"};
	json_t *parts = json_object_get(j, "parts"), *t = json_object_get(j, "tree");
	const char *raw = jstr(j, "subject_raw", NULL);

	assert_string_equal(jstr(j, "subject", NULL), vn_subject);
	for (const char *w = strstr(raw, "=?"); w; w = strstr(w + 2, "=?")) {
		assert_true(strcspn(w, " \r\n") <= 75);
		w += strcspn(w, " \r\n") - 2;
	}
	assert_string_equal(jstr(j, "from", "name"), "Ban tổ chức OCOP");
	assert_string_equal(jstr(j, "from", "addr"), "noreply@example.org");
	assert_string_equal(jstr(j, "to", "name"), "Nguyễn Thị Hồng Nhung");
	assert_string_equal(jstr(j, "to", "addr"), "nhung@example.org");
	assert_string_equal(jstr(j, "message_id", NULL), "<reg-42.1700000000@ocop.example.org>");
	assert_string_equal(jstr(j, "mime_version", NULL), "1.0");
	assert_true(json_is_true(json_object_get(j, "date_valid")));
	assert_string_equal(jstr(j, "list_unsubscribe", NULL),
	                    "<https://ocop.example.org/u/abc?t=1>");
	assert_string_equal(jstr(j, "list_unsubscribe_post", NULL), "List-Unsubscribe=One-Click");
	assert_int_equal(json_array_size(json_object_get(j, "defects")), 0);
	assert_int_equal(json_array_size(t), 6);
	for (size_t i = 0; i < 6; i++)
		assert_string_equal(json_string_value(json_array_get(t, i)), tree[i]);
	assert_string_equal(jstr(json_array_get(parts, 0), "text", NULL), vn_text);
	assert_string_equal(jstr(json_array_get(parts, 0), "charset", NULL), "utf-8");
	assert_string_equal(jstr(json_array_get(parts, 1), "text", NULL), vn_html);
	assert_string_equal(jstr(json_array_get(parts, 2), "filename", NULL),
	                    "Giấy chứng nhận OCOP.pdf");
	assert_string_equal(jstr(json_array_get(parts, 2), "sha256", NULL), att_sha);
	assert_string_equal(jstr(json_array_get(parts, 3), "filename", NULL), "danh \"sách\".csv");
	assert_string_equal(jstr(json_array_get(parts, 3), "text", NULL), "a;b\n1;2\n");
}

static void test_send_roundtrip(void **state)
{
	struct sink *s = *state;
	unsigned char *blob = make_blob(ATT_LEN);
	const struct mail_attachment att[] = {
	    {"Giấy chứng nhận OCOP.pdf", "application/pdf", blob, ATT_LEN},
	    {"danh \"sách\".csv", "text/csv; charset=UTF-8", "a;b\n1;2\n", 8},
	};
	struct mail_message m = {
	    .from_name = "Ban tổ chức OCOP",
	    .from_addr = "noreply@example.org",
	    .to_name = "Nguyễn Thị Hồng Nhung",
	    .to_addr = "nhung@example.org",
	    .subject = vn_subject,
	    .message_id = "<reg-42.1700000000@ocop.example.org>",
	    .list_unsubscribe = "https://ocop.example.org/u/abc?t=1",
	    .text = vn_text,
	    .html = vn_html,
	    .att = att,
	    .n_att = 2,
	};
	char err[256], eml[256], blob_path[128];
	struct smtp_client *c;
	json_t *j, *h;
	FILE *f;

	sink_start(s, NULL);
	snprintf(blob_path, sizeof(blob_path), "%s/blob.bin", s->dir);
	f = fopen(blob_path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(blob, 1, ATT_LEN, f), ATT_LEN);
	fclose(f);
	c = smtp_client_new(s->url, 10);
	assert_non_null(c);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_SENT);
	assert_memory_equal(err, "250 ", 4);
	assert_int_equal(sink_count(s, 0, eml, sizeof(eml)), 1);
	h = read_json("--sha256", blob_path);
	j = read_json(NULL, eml);
	check_roundtrip(j, jstr(h, "sha256", NULL));
	json_decref(j);
	json_decref(h);
	smtp_client_free(c);
	free(blob);
}

/* Attachment sizes around the 57-byte base64 line, and an empty one. */
static void test_send_attachment_sizes(void **state)
{
	static const size_t sizes[] = {0, 1, 2, 3, 56, 57, 58, 114, 115, 200};
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	unsigned char data[256];
	struct mail_attachment att[N];
	struct mail_message m = plain_msg("a@example.org", "<11@test>");
	struct smtp_client *c;
	struct sink *s = *state;
	char err[256], eml[256];
	json_t *j, *parts;

	for (size_t i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 7 + 3);
	for (size_t i = 0; i < N; i++)
		att[i] = (struct mail_attachment){"f.bin", NULL, data, sizes[i]};
	m.att = att;
	m.n_att = N;
	sink_start(s, NULL);
	c = smtp_client_new(s->url, 10);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_SENT);
	sink_count(s, 0, eml, sizeof(eml));
	j = read_json(NULL, eml);
	parts = json_object_get(j, "parts");
	assert_int_equal(json_array_size(parts), N + 1);
	for (size_t i = 0; i < N; i++) {
		char hex[2 * sizeof(data) + 1];

		for (size_t k = 0; k < sizes[i]; k++)
			snprintf(hex + 2 * k, 3, "%02x", data[k]);
		hex[2 * sizes[i]] = 0;
		assert_string_equal(jstr(json_array_get(parts, i + 1), "hex", NULL), hex);
	}
	json_decref(j);
	smtp_client_free(c);
}

/* Two messages, one connection: the sink sees the same client port. */
static void test_send_reuses_connection(void **state)
{
	struct sink *s = *state;
	struct mail_message m = plain_msg("a@example.org", "<1@test>");
	struct smtp_client *c;
	char err[256], eml[256], env[300];
	json_t *peer[2];

	m.to_name = "Nhung, HTX \"Sao Mai\" (O'Brien) \\ x";
	sink_start(s, NULL);
	c = smtp_client_new(s->url, 10);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_SENT);
	m.message_id = "<2@test>";
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_SENT);
	for (int i = 0; i < 2; i++) {
		json_t *e, *j;

		sink_count(s, i, eml, sizeof(eml));
		j = read_json(NULL, eml);
		assert_string_equal(jstr(j, "to", "name"), m.to_name);
		json_decref(j);
		snprintf(env, sizeof(env), "%.*s.env.json", (int)strlen(eml) - 4, eml);
		e = json_load_file(env, 0, NULL);
		assert_non_null(e);
		assert_string_equal(
		    json_string_value(json_array_get(json_object_get(e, "rcpt_tos"), 0)),
		    "a@example.org");
		peer[i] = json_incref(json_array_get(json_object_get(e, "peer"), 1));
		json_decref(e);
	}
	assert_true(json_equal(peer[0], peer[1]));
	json_decref(peer[0]);
	json_decref(peer[1]);
	smtp_client_free(c);
}

static void test_send_rejected_recipient(void **state)
{
	static const char *const opts[] = {"--reject", "nobody@example.org", NULL};
	struct sink *s = *state;
	struct mail_message m = plain_msg("nobody@example.org", "<3@test>");
	struct smtp_client *c;
	char err[256], eml[256];

	sink_start(s, opts);
	c = smtp_client_new(s->url, 10);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_PERMFAIL);
	assert_string_equal(err, "550 5.1.1 no such user");
	m.to_addr = "somebody@example.org";
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_SENT);
	assert_int_equal(sink_count(s, 0, eml, sizeof(eml)), 1);
	smtp_client_free(c);
}

static void test_send_tempfail_then_retry(void **state)
{
	static const char *const opts[] = {"--tempfail-first", "1", NULL};
	struct sink *s = *state;
	struct mail_message m = plain_msg("a@example.org", "<4@test>");
	struct smtp_client *c;
	char err[256], eml[256];

	sink_start(s, opts);
	c = smtp_client_new(s->url, 10);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_TEMPFAIL);
	assert_string_equal(err, "451 4.7.1 try again later");
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_SENT);
	assert_int_equal(sink_count(s, 0, eml, sizeof(eml)), 1);
	smtp_client_free(c);
}

/* The server read the whole message and then vanished: maybe delivered. */
static void test_send_dropped_after_data(void **state)
{
	static const char *const opts[] = {"--drop-after-data", NULL};
	struct sink *s = *state;
	struct mail_message m = plain_msg("a@example.org", "<5@test>");
	struct smtp_client *c;
	char err[256];

	sink_start(s, opts);
	c = smtp_client_new(s->url, 10);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_UNKNOWN);
	assert_true(err[0] != 0);
	smtp_client_free(c);
}

/* ---- a scripted server, for what aiosmtpd cannot do ---- */

static void fake_say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		_exit(1);
}

static size_t fake_line(int fd, char *line, size_t max)
{
	size_t n = 0;

	while (n + 1 < max && read(fd, line + n, 1) == 1)
		if (line[n++] == '\n')
			break;
	line[n] = 0;
	return n;
}

/*
 * Accepts one client on lfd and says yes up to DATA.  Then either reads the
 * whole body (through "\r\n.\r\n") and goes silent, or reads 10 kB of it and
 * closes the connection (with unread data: a reset).
 */
static pid_t fake_server(int lfd, bool read_all)
{
	pid_t pid = fork();
	char line[1024], tail[5] = {0};
	size_t got = 0;
	int fd;

	if (pid != 0)
		return pid;
	fd = accept(lfd, NULL, NULL);
	fake_say(fd, "220 fake ESMTP\r\n");
	while (fake_line(fd, line, sizeof(line)) && strncmp(line, "DATA", 4))
		fake_say(fd, "250 ok\r\n");
	fake_say(fd, "354 go on\r\n");
	/* The client sends nothing after the end of data, so it ends a read. */
	while (read_all ? memcmp(tail, "\r\n.\r\n", 5) != 0 : got < 10000) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, read_all ? sizeof(chunk) : 10000 - got);

		if (n <= 0)
			_exit(1);
		got += (size_t)n;
		if (n >= 5) {
			memcpy(tail, chunk + n - 5, 5);
		} else {
			memmove(tail, tail + n, (size_t)(5 - n));
			memcpy(tail + 5 - n, chunk, (size_t)n);
		}
	}
	if (!read_all)
		close(fd);
	sleep(60);
	_exit(0);
}

static int listen_local(int *port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	*port = ntohs(a.sin_port);
	return fd;
}

/*
 * The connection drops in the middle of the body (24 MB, more than the
 * socket buffers hold), or the server goes silent after the whole of it.
 * Only the second may have been delivered.
 */
static void test_send_failure_in_and_after_body(void **state)
{
	static const enum smtp_result want[2] = {SMTP_TEMPFAIL, SMTP_UNKNOWN};
	size_t big = 24u << 20;
	unsigned char *zeros = calloc(1, big);
	struct mail_attachment att = {"big.bin", NULL, zeros, big};

	(void)state;
	assert_non_null(zeros);
	for (int read_all = 0; read_all < 2; read_all++) {
		struct mail_message m = plain_msg("a@example.org", "<9@test>");
		struct smtp_client *c;
		char url[64], err[256];
		int port, lfd = listen_local(&port);
		pid_t pid = fake_server(lfd, read_all);

		att.len = read_all ? 100000 : big;
		m.att = &att;
		m.n_att = 1;
		snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
		c = smtp_client_new(url, 1);
		assert_int_equal(smtp_send(c, &m, err, sizeof(err)), want[read_all]);
		smtp_client_free(c);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(lfd);
	}
	free(zeros);
}

static void test_send_no_server(void **state)
{
	char url[64], err[256];
	struct mail_message m = plain_msg("a@example.org", "<6@test>");
	struct smtp_client *c;

	(void)state;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", dead_port());
	c = smtp_client_new(url, 5);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_TEMPFAIL);
	assert_true(err[0] != 0);
	smtp_client_free(c);
}

/* A server that accepts the connection and never says hello. */
static void test_send_timeout_before_data(void **state)
{
	struct mail_message m = plain_msg("a@example.org", "<7@test>");
	struct smtp_client *c;
	char url[64], err[256];
	int port, fd = listen_local(&port);

	(void)state;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", port);
	c = smtp_client_new(url, 1);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_TEMPFAIL);
	smtp_client_free(c);
	close(fd);
}

/* "?starttls" and OCOP_SMTP_STARTTLS=1 require TLS; the sink offers none. */
static void test_send_starttls_required(void **state)
{
	struct sink *s = *state;
	struct mail_message m = plain_msg("a@example.org", "<10@test>");
	struct smtp_client *c;
	char url[96], err[256], eml[256];

	sink_start(s, NULL);
	snprintf(url, sizeof(url), "%s?starttls", s->url);
	c = smtp_client_new(url, 10);
	assert_non_null(c);
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_TEMPFAIL);
	assert_non_null(strcasestr(err, "starttls"));
	smtp_client_free(c);
	setenv("OCOP_SMTP_STARTTLS", "1", 1);
	c = smtp_client_new(s->url, 10);
	unsetenv("OCOP_SMTP_STARTTLS");
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_TEMPFAIL);
	smtp_client_free(c);
	assert_int_equal(sink_count(s, 0, eml, sizeof(eml)), 0);
}

/* Invalid messages fail before connecting (a dead port would be TEMPFAIL). */
static void test_send_invalid_message(void **state)
{
	static const struct {
		const char *to, *id;
	} cases[] = {
	    {"a@example.org\r\nRCPT TO:<x@evil.test>", "<8@test>"},
	    {"a@example.org>", "<8@test>"},
	    {"no-at-sign", "<8@test>"},
	    {"a@example.org", "8@test"},
	    {"a@example.org", "<8@test>\r\nBcc: x@evil.test"},
	    {"a@example.org", NULL},
	};
	char url[64], err[256];
	struct smtp_client *c;
	struct mail_message m = plain_msg("a@example.org", "<8@test>");
	struct mail_attachment att = {"x\r\n.txt", "text/plain\r\nBcc: x@evil.test", "x", 1};
	char *long_subject = calloc(1, 20000);

	(void)state;
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", dead_port());
	c = smtp_client_new(url, 5);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct mail_message bad = plain_msg(cases[i].to, cases[i].id);

		assert_int_equal(smtp_send(c, &bad, err, sizeof(err)), SMTP_PERMFAIL);
		assert_memory_equal(err, "invalid ", 8);
	}
	m.att = &att;
	m.n_att = 1;
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_PERMFAIL);
	assert_string_equal(err, "invalid attachment content type");
	m.n_att = 0;
	m.text = NULL;
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_PERMFAIL);
	m.text = "x";
	/* Over the 16 kB header cap once encoded. */
	assert_non_null(long_subject);
	for (size_t i = 0; i + 2 < 19999; i += 2)
		memcpy(long_subject + i, "\xc3\xa1", 2);
	m.subject = long_subject;
	assert_int_equal(smtp_send(c, &m, err, sizeof(err)), SMTP_PERMFAIL);
	assert_string_equal(err, "cannot build message");
	free(long_subject);
	smtp_client_free(c);
	assert_null(smtp_client_new("smtp://127.0.0.1:25?tls=maybe", 5));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_encode_ascii_unchanged),
	    cmocka_unit_test(test_encode_vietnamese),
	    cmocka_unit_test(test_encode_hostile),
	    cmocka_unit_test(test_encode_lengths),
	    cmocka_unit_test_setup_teardown(test_send_roundtrip, sink_setup, sink_teardown),
	    cmocka_unit_test_setup_teardown(test_send_attachment_sizes, sink_setup, sink_teardown),
	    cmocka_unit_test_setup_teardown(test_send_reuses_connection, sink_setup, sink_teardown),
	    cmocka_unit_test_setup_teardown(test_send_rejected_recipient, sink_setup,
	                                    sink_teardown),
	    cmocka_unit_test_setup_teardown(test_send_tempfail_then_retry, sink_setup,
	                                    sink_teardown),
	    cmocka_unit_test_setup_teardown(test_send_dropped_after_data, sink_setup,
	                                    sink_teardown),
	    cmocka_unit_test(test_send_no_server),
	    cmocka_unit_test(test_send_timeout_before_data),
	    cmocka_unit_test(test_send_failure_in_and_after_body),
	    cmocka_unit_test_setup_teardown(test_send_starttls_required, sink_setup, sink_teardown),
	    cmocka_unit_test(test_send_invalid_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
