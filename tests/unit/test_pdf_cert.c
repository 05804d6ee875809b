/*
 * test_pdf_cert.c: src/render/pdf_cert.c and src/render/qr.c.
 *
 * Renders certificates and reads them back the way a person or a verifier
 * would: pdftotext for the text (compared after NFC), pdftotext -bbox to see
 * that a long name stays inside the frame, pdftoppm + zbarimg to decode the
 * QR from the page image.  Also checks determinism, the size budget, hostile
 * input, and measures the rendering time (printed; PDF_CERT_BENCH=n renders n).
 * Set OCOP_CERT_PREVIEW=file.pdf to keep the sample certificate.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#include "core/buf.h"
#include "render/pdf_cert.h"
#include "render/qr.h"

#define LONG_NAME "Tôn Nữ Thị Hoàng Quỳnh Như"
#define SERIES    "Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021"
#define URL       "https://ocop.example.vn/xac-thuc/7KQ2-M9XD-4HPA"

static char tmpdir[] = "/tmp/ocop-cert-XXXXXX";
static struct buf logo1, logo2;
static struct cert_org orgs[2];

static cairo_status_t png_sink(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* A round emblem (gold star on red) or a green leaf, as PNG bytes. */
static void make_logo(struct buf *out, int kind)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 120, 120);
	cairo_t *cr = cairo_create(s);

	if (kind == 0) {
		cairo_arc(cr, 60, 60, 56, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, 0.72, 0.1, 0.08);
		cairo_fill(cr);
		cairo_arc(cr, 60, 60, 50, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, 0.9, 0.75, 0.3);
		cairo_set_line_width(cr, 3);
		cairo_stroke(cr);
		for (int i = 0; i < 10; i++) {
			double a = -M_PI / 2 + i * M_PI / 5, rr = i % 2 ? 16 : 38;
			cairo_line_to(cr, 60 + rr * cos(a), 62 + rr * sin(a));
		}
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, 1, 0.85, 0.2);
		cairo_fill(cr);
	} else {
		cairo_arc(cr, 60, 60, 56, 0, 2 * M_PI);
		cairo_set_source_rgb(cr, 0.12, 0.45, 0.22);
		cairo_fill(cr);
		cairo_save(cr);
		cairo_translate(cr, 60, 60);
		cairo_rotate(cr, -M_PI / 4);
		cairo_scale(cr, 1, 0.45);
		cairo_arc(cr, 0, 0, 36, 0, 2 * M_PI);
		cairo_restore(cr);
		cairo_set_source_rgb(cr, 0.95, 0.97, 0.85);
		cairo_fill(cr);
	}
	cairo_destroy(cr);
	buf_init(out, 0);
	cairo_surface_write_to_png_stream(s, png_sink, out);
	cairo_surface_destroy(s);
}

static struct cert_data sample(const char *name)
{
	struct cert_data d = {
	    .full_name = name,
	    .series_title = SERIES,
	    .completed = "đã hoàn thành 8 buổi tập huấn (28 giờ), từ ngày 28/9 đến ngày "
	                 "13/10/2021",
	    .second_lang = "a suivi la formation du programme « Une commune, un produit » "
	                   "(OCOP) 2021, 8 séances (28 heures)",
	    .orgs = orgs,
	    .n_orgs = 2,
	    .place = "TP. Hồ Chí Minh",
	    .issued_at = 1634698800, /* 2021-10-20 10:00 +07 */
	    .signer_name = "Nguyễn Văn Phước",
	    .signer_title = "Giám đốc",
	    .issuer = "Trung tâm Khuyến nông TP. Hồ Chí Minh",
	    .serial = "OCOP-2021-000123",
	    .verify_url = URL,
	    .verify_code = "7KQ2-M9XD-4HPA",
	};
	return d;
}

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	make_logo(&logo1, 0);
	make_logo(&logo2, 1);
	orgs[0] = (struct cert_org){"Sở Nông nghiệp và Phát triển nông thôn TP. Hồ Chí Minh",
	                            (const unsigned char *)logo1.p, logo1.len};
	orgs[1] = (struct cert_org){"Trường Đại học Nông Lâm TP. Hồ Chí Minh",
	                            (const unsigned char *)logo2.p, logo2.len};
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	buf_release(&logo1);
	buf_release(&logo2);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

static bool have(const char *tool)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", tool);
	return system(cmd) == 0;
}

/* Runs cmd, returns its stdout (caller releases) and exit status. */
static int run(const char *cmd, struct buf *out)
{
	char chunk[4096];
	size_t n;

	buf_init(out, 0);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		buf_add(out, chunk, n);
	return pclose(p);
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b->p, 1, b->len, f), b->len);
	assert_int_equal(fclose(f), 0);
}

/* NFC with every run of white space made one space, trimmed; free() it. */
static char *nfc_collapse(const char *s)
{
	char *n = (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
	char *w = n;
	bool space = true;

	assert_non_null(n);
	for (char *r = n; *r; r++) {
		bool is_space = *r == ' ' || *r == '\n' || *r == '\t' || *r == '\r' || *r == '\f';
		if (is_space && space)
			continue;
		*w++ = is_space ? ' ' : *r;
		space = is_space;
	}
	if (w > n && w[-1] == ' ')
		w--;
	*w = 0;
	return n;
}

static void assert_contains_nfc(const char *hay, const char *needle)
{
	char *h = nfc_collapse(hay), *n = nfc_collapse(needle);

	if (!strstr(h, n))
		fail_msg("'%s' not found in the extracted text:\n%s", n, h);
	free(h);
	free(n);
}

static void render_ok(const struct cert_data *d, struct buf *out)
{
	struct pdf_cert_renderer *r = pdf_cert_renderer_new();

	buf_init(out, 0);
	assert_int_equal(pdf_cert_render(r, d, out), 0);
	pdf_cert_renderer_free(r);
	assert_true(out->len > 1000);
	assert_memory_equal(out->p, "%PDF-", 5);
}

static void test_date_words(void **state)
{
	static const struct {
		int64_t t;
		const char *want;
	} cases[] = {
	    {1634698800, "ngày 20 tháng 10 năm 2021"},
	    {1632762000, "ngày 28 tháng 9 năm 2021"},      /* 2021-09-28 00:00 +07 */
	    {1612458000, "ngày 05 tháng 02 năm 2021"},     /* Decree 30 leading zeros */
	    {1640970000 - 1, "ngày 31 tháng 12 năm 2021"}, /* 23:59:59 +07 */
	    {1640970000, "ngày 01 tháng 01 năm 2022"},
	};
	char got[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		pdf_cert_date_words(cases[i].t, got, sizeof(got));
		assert_string_equal(got, cases[i].want);
	}
}

static void test_qr_surface(void **state)
{
	(void)state;
	assert_null(qr_surface_new(NULL, 1));
	assert_null(qr_surface_new("", 1));
	assert_null(qr_surface_new(URL, 0));
	assert_null(qr_surface_new(URL, QR_MAX_PX + 1));
	cairo_surface_t *s = qr_surface_new(URL, 1);
	assert_non_null(s);
	int w = cairo_image_surface_get_width(s);
	assert_int_equal(w, cairo_image_surface_get_height(s));
	assert_int_equal((w - 2 * QR_QUIET - 17) % 4, 0); /* 17 + 4 * version modules */
	cairo_surface_destroy(s);
	s = qr_surface_new(URL, 3);
	assert_int_equal(cairo_image_surface_get_width(s), 3 * w);
	cairo_surface_destroy(s);

	char *huge = malloc(8000);
	memset(huge, 'x', 7999);
	huge[7999] = 0;
	assert_null(qr_surface_new(huge, 1));
	free(huge);
}

static void test_deterministic(void **state)
{
	struct cert_data d = sample(LONG_NAME);
	struct pdf_cert_renderer *r = pdf_cert_renderer_new();
	struct buf a, b, c;

	(void)state;
	buf_init(&a, 0);
	buf_init(&b, 0);
	assert_int_equal(pdf_cert_render(r, &d, &a), 0);
	sleep(1); /* a wall-clock date anywhere would now differ */
	assert_int_equal(pdf_cert_render(r, &d, &b), 0);
	pdf_cert_renderer_free(r);
	render_ok(&d, &c); /* a fresh renderer, cold caches */
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	assert_int_equal(a.len, c.len);
	assert_memory_equal(a.p, c.p, a.len);
	assert_true(a.len < 150 * 1024);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

/* A full-page background replaces the frame; the logo doubles as one. */
static void test_background(void **state)
{
	struct cert_data d = sample(LONG_NAME);
	struct buf a, b;

	(void)state;
	d.background_png = (const unsigned char *)logo2.p;
	d.background_len = logo2.len;
	render_ok(&d, &a);
	render_ok(&d, &b);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	buf_release(&a);
	buf_release(&b);
}

static void test_text_and_qr_read_back(void **state)
{
	struct cert_data d = sample(LONG_NAME);
	struct buf pdf, txt, qr;
	char path[128], cmd[512];

	(void)state;
	if (!have("pdftotext") || !have("pdftoppm") || !have("zbarimg"))
		skip();
	render_ok(&d, &pdf);
	snprintf(path, sizeof(path), "%s/cert.pdf", tmpdir);
	write_file(path, &pdf);
	if (getenv("OCOP_CERT_PREVIEW"))
		write_file(getenv("OCOP_CERT_PREVIEW"), &pdf);

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' -", path);
	assert_int_equal(run(cmd, &txt), 0);
	assert_contains_nfc(txt.p, LONG_NAME);
	assert_contains_nfc(txt.p, "Số: OCOP-2021-000123");
	assert_contains_nfc(txt.p, "GIẤY CHỨNG NHẬN");
	assert_contains_nfc(txt.p, SERIES);
	assert_contains_nfc(txt.p, "Mã xác thực: 7KQ2-M9XD-4HPA");
	assert_contains_nfc(txt.p, "TP. Hồ Chí Minh, ngày 20 tháng 10 năm 2021");
	assert_contains_nfc(txt.p, "GIÁM ĐỐC");
	assert_contains_nfc(txt.p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	assert_contains_nfc(txt.p, "Độc lập – Tự do – Hạnh phúc");

	snprintf(cmd, sizeof(cmd),
	         "pdftoppm -r 100 -png -singlefile '%s' '%s/page' && "
	         "zbarimg --raw -q '%s/page.png' 2>/dev/null",
	         path, tmpdir, tmpdir);
	assert_int_equal(run(cmd, &qr), 0);
	while (qr.len && (qr.p[qr.len - 1] == '\n' || qr.p[qr.len - 1] == '\r'))
		qr.p[--qr.len] = 0;
	assert_string_equal(qr.p, URL);
	buf_release(&pdf);
	buf_release(&txt);
	buf_release(&qr);
}

/* Reads attribute attr="number" after *at in pdftotext -bbox output. */
static double bbox_attr(const char *at, const char *attr)
{
	const char *p = strstr(at, attr);

	assert_non_null(p);
	return strtod(p + strlen(attr), NULL);
}

/* Names far longer than any real one shrink and stay whole, inside the frame;
 * markup characters come out literally (set_text, not set_markup). */
static void test_long_and_hostile_names(void **state)
{
	static const char *names[] = {
	    "Nguyễn Huỳnh Phương Thảo Nguyên",
	    "Công Tằng Tôn Nữ Thị Hoàng Quỳnh Như Nguyễn Huỳnh Phương Thảo Nguyên Bảo Ngọc",
	    "Lê <b>Văn</b> &amp; Tám \"O'Brien\"",
	};
	char path[128], cmd[512];

	(void)state;
	if (!have("pdftotext"))
		skip();
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		struct cert_data d = sample(names[i]);
		struct buf pdf, txt;
		render_ok(&d, &pdf);
		snprintf(path, sizeof(path), "%s/name%zu.pdf", tmpdir, i);
		if (getenv("OCOP_CERT_KEEP"))
			snprintf(path, sizeof(path), "/tmp/ocop-cert-name%zu.pdf", i);
		write_file(path, &pdf);
		snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 '%s' -", path);
		assert_int_equal(run(cmd, &txt), 0);
		assert_contains_nfc(txt.p, names[i]);
		buf_release(&txt);

		snprintf(cmd, sizeof(cmd), "pdftotext -bbox -enc UTF-8 '%s' -", path);
		assert_int_equal(run(cmd, &txt), 0);
		int words = 0;
		for (const char *w = strstr(txt.p, "<word "); w; w = strstr(w + 1, "<word ")) {
			double x0 = bbox_attr(w, "xMin=\""), x1 = bbox_attr(w, "xMax=\"");
			double y0 = bbox_attr(w, "yMin=\""), y1 = bbox_attr(w, "yMax=\"");
			/* Inside the gold hairline at 31.5 pt from every edge. */
			if (x0 < 32 || x1 > 841.89 - 32 || y0 < 32 || y1 > 595.28 - 32)
				fail_msg("word out of the frame in %s: %.60s", path, w);
			words++;
		}
		assert_true(words > 40);
		buf_release(&txt);
		buf_release(&pdf);
	}
}

static void test_bad_input(void **state)
{
	struct pdf_cert_renderer *r = pdf_cert_renderer_new();
	struct cert_data d;
	struct buf out;
	struct cert_org bad = {"x", (const unsigned char *)"not a png", 9};
	char long_url[4000];

	(void)state;
	buf_init(&out, 0);
	buf_adds(&out, "keep");

	d = sample("Lê \xC3\x28 Tám"); /* invalid UTF-8 */
	assert_int_equal(pdf_cert_render(r, &d, &out), -1);
	d = sample(LONG_NAME);
	d.serial = NULL;
	assert_int_equal(pdf_cert_render(r, &d, &out), -1);
	d = sample(LONG_NAME);
	d.second_lang = "\xFF";
	assert_int_equal(pdf_cert_render(r, &d, &out), -1);
	d = sample(LONG_NAME);
	d.orgs = &bad;
	d.n_orgs = 1;
	assert_int_equal(pdf_cert_render(r, &d, &out), -1);
	d = sample(LONG_NAME);
	memset(long_url, 'a', sizeof(long_url) - 1);
	long_url[sizeof(long_url) - 1] = 0;
	d.verify_url = long_url;
	assert_int_equal(pdf_cert_render(r, &d, &out), -1);
	assert_string_equal(out.p, "keep"); /* untouched on failure */

	struct buf small;
	buf_init(&small, 4096); /* the cap is reached: -1, nothing kept */
	d = sample(LONG_NAME);
	assert_int_equal(pdf_cert_render(r, &d, &small), -1);
	assert_int_equal(small.len, 0);

	d = sample(LONG_NAME); /* optional parts absent */
	d.orgs = NULL;
	d.n_orgs = 0;
	d.second_lang = d.completed = d.place = d.issuer = d.signer_name = d.signer_title = NULL;
	assert_int_equal(pdf_cert_render(r, &d, &out), 0);
	assert_memory_equal(out.p, "keep%PDF-", 9);

	buf_release(&small);
	buf_release(&out);
	pdf_cert_renderer_free(r);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Warm renderer, one thread; distinct names so nothing is trivially reused. */
static void test_bench(void **state)
{
	static const char *names[] = {LONG_NAME, "Nguyễn Huỳnh Phương Thảo Nguyên", "Nguyễn Thị Cơ",
	                              "Trần Văn Bình"};
	const char *env = getenv("PDF_CERT_BENCH");
	long n = env ? strtol(env, NULL, 10) : 100;
	struct pdf_cert_renderer *r = pdf_cert_renderer_new();
	struct buf out;
	size_t bytes = 0;

	(void)state;
	if (n < 1)
		n = 1;
	buf_init(&out, 0);
	struct cert_data d = sample(LONG_NAME);
	assert_int_equal(pdf_cert_render(r, &d, &out), 0); /* warm up */
	double t0 = now_ms();
	for (long i = 0; i < n; i++) {
		d = sample(names[i % 4]);
		buf_reset(&out);
		assert_int_equal(pdf_cert_render(r, &d, &out), 0);
		bytes += out.len;
	}
	double ms = (now_ms() - t0) / (double)n;
	printf("pdf_cert: %ld certificates, %.2f ms each (%.0f/s per core), %zu bytes average\n", n,
	       ms, 1000 / ms, bytes / (size_t)n);
	buf_release(&out);
	pdf_cert_renderer_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_date_words),
	    cmocka_unit_test(test_qr_surface),
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_background),
	    cmocka_unit_test(test_text_and_qr_read_back),
	    cmocka_unit_test(test_long_and_hostile_names),
	    cmocka_unit_test(test_bad_input),
	    cmocka_unit_test(test_bench),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
