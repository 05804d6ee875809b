/*
 * cert_pdf.c: frozen templates and the PDF of a certificate (see
 * certificate.h).
 *
 * A template is the series' settings as they were when an issue job began,
 * with the series' own words (title, what was completed: sessions, hours,
 * dates) and the verification base URL, as one JSON text that is never
 * changed.  Together with the certificate's row (name, serial, code, date)
 * it is everything the PDF is made from, so a certificate renders to the
 * same bytes whenever it is asked for, and its stored SHA-256 holds even
 * after the organiser edits the settings.
 *
 * Rendering uses one pdf_cert renderer per thread (pango's font map is not
 * thread-safe), made on first use and freed when the thread ends.
 */
#include "domain/certificate.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/vtime.h"
#include "db/db.h"
#include "render/pdf_cert.h"

#include <cairo.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TPL_MAX_IMAGES 5 /* a background and four logos */

struct tpl_image {
	unsigned char *png;
	size_t len;
};

struct cert_tpl {
	json_t *data;
	struct tpl_image background;
	struct tpl_image logos[TPL_MAX_IMAGES - 1];
	size_t n_logos;
};

void cert_sha256_hex(const void *p, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, p, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* "28" or "27,5": hours with a decimal comma. */
static void hours_text(int64_t seconds, char *out, size_t n)
{
	int64_t tenths = (seconds + 180) / 360;

	if (tenths % 10)
		snprintf(out, n, "%lld,%lld", (long long)(tenths / 10), (long long)(tenths % 10));
	else
		snprintf(out, n, "%lld", (long long)(tenths / 10));
}

/* "đã hoàn thành 8 buổi tập huấn (28 giờ), từ ngày 28/09/2021 đến ngày
 * 13/10/2021", from the series' sessions. */
static json_t *completed_text(struct db *db, int64_t series_id)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT COUNT(*), COALESCE(SUM(ends_at - starts_at), "
	                   "0), COALESCE(MIN(starts_at), 0), COALESCE(MAX(ends_at), "
	                   "0) FROM sessions WHERE series_id = $1");
	char h[32], a[16], b[16];

	if (!st)
		return NULL;
	db_bind_int(st, 1, series_id);
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return NULL;
	}
	int64_t n = db_col_int(st, 0), secs = db_col_int(st, 1);
	vtime_date(a, sizeof(a), db_col_int(st, 2));
	vtime_date(b, sizeof(b), db_col_int(st, 3));
	db_done(st);
	if (n == 0)
		return json_string("");
	hours_text(secs, h, sizeof(h));
	return json_sprintf("đã hoàn thành %lld buổi tập huấn (%s giờ), từ ngày %s đến ngày %s",
	                    (long long)n, h, a, b);
}

static json_t *series_words(struct db *db, int64_t series_id)
{
	struct db_stmt *st = db_prepare(db, "SELECT title FROM series WHERE id = $1");
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_int(st, 1, series_id);
	if (db_step(st) == DB_ROW)
		o = json_pack("{s:s, s:[]}", "series_title", db_col_text(st, 0), "orgs");
	db_done(st);
	if (!o)
		return NULL;
	st = db_prepare(db, "SELECT name FROM series_organizers WHERE series_id = $1 ORDER BY "
	                    "position");
	if (!st) {
		json_decref(o);
		return NULL;
	}
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(json_object_get(o, "orgs"), json_string(db_col_text(st, 0)));
	db_done(st);
	return o;
}

int cert_tpl_freeze(struct db *db, int64_t series_id, const char *verify_base, int64_t now,
                    int64_t *id)
{
	struct arena a;
	struct cert_settings s;
	int rc = DB_ERROR;
	json_t *o = series_words(db, series_id);

	arena_init(&a);
	if (!o || cert_settings_load(db, &a, series_id, &s) != DB_OK)
		goto out;
	json_t *done = *s.wording ? json_string(s.wording) : completed_text(db, series_id);
	if (!done)
		goto out;
	json_object_set_new(o, "completed", done);
	json_object_set_new(o, "second_lang", json_string(s.second_lang));
	json_object_set_new(o, "place", json_string(s.place));
	json_object_set_new(o, "issuer", json_string(s.issuer));
	json_object_set_new(o, "signer_name", json_string(s.signer_name));
	json_object_set_new(o, "signer_title", json_string(s.signer_title));
	json_object_set_new(o, "prefix", json_string(s.prefix));
	json_object_set_new(o, "verify_base", json_string(verify_base));
	json_object_set_new(o, "background", json_integer(s.background_id));
	json_object_set(o, "logos", s.logos);
	char *text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	struct db_stmt *st = db_prepare(db, "INSERT INTO certificate_templates (series_id, data, "
	                                    "created_at) VALUES ($1, $2, $3) RETURNING id");
	if (st) {
		db_bind_int(st, 1, series_id);
		db_bind_text(st, 2, text);
		db_bind_int(st, 3, now);
		rc = db_one_int(st, id);
	}
	free(text);
out:
	json_decref(o);
	arena_release(&a);
	return rc == DB_OK ? DB_OK : DB_ERROR;
}

static int image_load(struct db *db, int64_t id, struct tpl_image *img)
{
	struct db_stmt *st = db_prepare(db, "SELECT png FROM certificate_images WHERE id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		img->len = db_col_len(st, 0);
		img->png = xmalloc(img->len ? img->len : 1);
		memcpy(img->png, db_col_blob(st, 0), img->len);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : DB_ERROR;
}

struct png_src {
	const unsigned char *p;
	size_t len, off;
};

static cairo_status_t png_in(void *closure, unsigned char *data, unsigned int n)
{
	struct png_src *s = closure;

	if (n > s->len - s->off)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->off, n);
	s->off += n;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t png_out(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/*
 * On the drawn page (no background image) a logo's transparent parts show
 * the paper: painting it onto the paper colour once here looks the same
 * and spares cairo the alpha channel it would otherwise compress again in
 * every certificate (a sixth of the rendering time with three logos).
 * A logo that is not a PNG is left as it is, for the renderer to refuse.
 */
static void logo_flatten(struct tpl_image *img)
{
	struct png_src src = {img->png, img->len, 0};
	cairo_surface_t *logo = cairo_image_surface_create_from_png_stream(png_in, &src);

	if (cairo_surface_status(logo) == CAIRO_STATUS_SUCCESS &&
	    cairo_surface_get_content(logo) != CAIRO_CONTENT_COLOR) {
		int w = cairo_image_surface_get_width(logo),
		    h = cairo_image_surface_get_height(logo);
		cairo_surface_t *flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_t *cr = cairo_create(flat);
		struct buf out;
		cairo_set_source_rgb(cr, PDF_CERT_PAPER_R, PDF_CERT_PAPER_G, PDF_CERT_PAPER_B);
		cairo_paint(cr);
		cairo_set_source_surface(cr, logo, 0, 0);
		cairo_paint(cr);
		cairo_destroy(cr);
		buf_init(&out, 0);
		if (cairo_surface_write_to_png_stream(flat, png_out, &out) ==
		        CAIRO_STATUS_SUCCESS &&
		    !out.overflow) {
			free(img->png);
			img->png = (unsigned char *)buf_detach(&out, &img->len);
		}
		buf_release(&out);
		cairo_surface_destroy(flat);
	}
	cairo_surface_destroy(logo);
}

struct cert_tpl *cert_tpl_load(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT data FROM certificate_templates WHERE id = $1");
	struct cert_tpl *t;
	size_t i;
	json_t *x;

	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	t = xcalloc(1, sizeof(*t));
	if (db_step(st) == DB_ROW)
		t->data = json_loads(db_col_text(st, 0), 0, NULL);
	db_done(st);
	if (!json_is_object(t->data))
		goto fail;
	int64_t bg = json_integer_value(json_object_get(t->data, "background"));
	if (bg && image_load(db, bg, &t->background) != DB_OK)
		goto fail;
	json_array_foreach(json_object_get(t->data, "logos"), i, x)
	{
		if (t->n_logos == TPL_MAX_IMAGES - 1)
			break;
		if (image_load(db, json_integer_value(x), &t->logos[t->n_logos]) != DB_OK)
			goto fail;
		if (!bg)
			logo_flatten(&t->logos[t->n_logos]);
		t->n_logos++;
	}
	return t;
fail:
	cert_tpl_free(t);
	return NULL;
}

void cert_tpl_free(struct cert_tpl *t)
{
	if (!t)
		return;
	free(t->background.png);
	for (size_t i = 0; i < t->n_logos; i++)
		free(t->logos[i].png);
	json_decref(t->data);
	free(t);
}

static const char *tpl_str(const struct cert_tpl *t, const char *key)
{
	const char *s = json_string_value(json_object_get(t->data, key));

	return s ? s : "";
}

const char *cert_tpl_prefix(const struct cert_tpl *t)
{
	return tpl_str(t, "prefix");
}

json_t *cert_tpl_orgs(const struct cert_tpl *t)
{
	return json_deep_copy(json_object_get(t->data, "orgs"));
}

static pthread_once_t renderer_once = PTHREAD_ONCE_INIT;
static pthread_key_t renderer_key;

static void renderer_free(void *r)
{
	pdf_cert_renderer_free(r);
}

static void renderer_key_make(void)
{
	pthread_key_create(&renderer_key, renderer_free);
}

static struct pdf_cert_renderer *renderer_get(void)
{
	pthread_once(&renderer_once, renderer_key_make);
	struct pdf_cert_renderer *r = pthread_getspecific(renderer_key);
	if (!r) {
		r = pdf_cert_renderer_new();
		pthread_setspecific(renderer_key, r);
	}
	return r;
}

int cert_pdf(const struct cert_tpl *t, const char *full_name, const char *serial, const char *code,
             int64_t issued_at, struct buf *out)
{
	struct cert_org orgs[8] = {0};
	json_t *names = json_object_get(t->data, "orgs");
	size_t n = json_array_size(names);
	char shown[CERT_CODE_SHOWN + 1], url[400];

	const char *issuer = tpl_str(t, "issuer");
	if (n > 8)
		n = 8;
	/* An organiser that is the issuer, or the issuer with its parents
	 * ("..., Trường Đại học ..."), is named once, in the issuer's place. */
	for (size_t i = 0; i < n; i++) {
		const char *name = json_string_value(json_array_get(names, i));
		orgs[i].name =
		    *issuer && name && !strncmp(name, issuer, strlen(issuer)) ? "" : name;
	}
	for (size_t i = 0; i < t->n_logos && i < 8; i++) {
		orgs[i].logo_png = t->logos[i].png;
		orgs[i].logo_len = t->logos[i].len;
	}
	if (t->n_logos > n)
		n = t->n_logos;
	cert_code_format(code, shown);
	snprintf(url, sizeof(url), "%s/verify/%s", tpl_str(t, "verify_base"), shown);
	struct cert_data d = {
	    .full_name = full_name,
	    .series_title = tpl_str(t, "series_title"),
	    .completed = tpl_str(t, "completed"),
	    .second_lang = tpl_str(t, "second_lang"),
	    .orgs = orgs,
	    .n_orgs = n,
	    .place = tpl_str(t, "place"),
	    .issued_at = issued_at,
	    .signer_name = tpl_str(t, "signer_name"),
	    .signer_title = tpl_str(t, "signer_title"),
	    .issuer = tpl_str(t, "issuer"),
	    .serial = serial,
	    .verify_url = url,
	    .verify_code = shown,
	    .background_png = t->background.png,
	    .background_len = t->background.len,
	};
	return pdf_cert_render(renderer_get(), &d, out);
}

int cert_pdf_of(struct db *db, const struct cert *c, struct buf *out)
{
	struct cert_tpl *t = cert_tpl_load(db, c->template_id);

	if (!t)
		return -1;
	int rc = cert_pdf(t, c->full_name, c->serial, c->code, c->issued_at, out);
	cert_tpl_free(t);
	return rc;
}
