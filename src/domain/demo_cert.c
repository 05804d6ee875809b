/*
 * demo_cert.c: the demo's certificate settings and rules.  The issuing
 * body and the place are the seed's (the Saemaul Undong centre, Ho Chi
 * Minh City); the signer's name is a placeholder and says so on the page
 * ("tên mẫu"); the second line is French, for the AUF.  The three logos are
 * drawn here (an emblem with each organiser's initials), since the seed
 * has no image files.  Rules: six of the eight mornings attended and the
 * final test passed.
 */
#include "domain/demo.h"
#include "core/buf.h"
#include "core/vtime.h"
#include "db/db.h"
#include "domain/certificate.h"

#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *initials;
	double r, g, b;
} demo_logos[] = {
    {"SU", 0.10, 0.42, 0.25},  /* Saemaul Undong: green */
    {"NTM", 0.70, 0.12, 0.10}, /* Nông thôn mới: red */
    {"AUF", 0.10, 0.25, 0.55}, /* AUF: blue */
};

static cairo_status_t demo_png_sink(void *closure, const unsigned char *data, unsigned int n)
{
	buf_add(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/* A round emblem: a coloured disc, a gold ring, white initials.  LOGO_PX
 * pixels a side: printed about 1.6 cm wide, that is 200 dpi, and every
 * pixel is compressed again into every PDF. */
#define LOGO_PX 128

static void demo_logo(struct buf *out, size_t i)
{
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, LOGO_PX, LOGO_PX);
	cairo_t *cr = cairo_create(s);
	cairo_text_extents_t te;

	cairo_scale(cr, LOGO_PX / 160.0, LOGO_PX / 160.0);
	cairo_arc(cr, 80, 80, 76, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, demo_logos[i].r, demo_logos[i].g, demo_logos[i].b);
	cairo_fill(cr);
	cairo_arc(cr, 80, 80, 66, 0, 2 * M_PI);
	cairo_set_source_rgb(cr, 0.86, 0.72, 0.32);
	cairo_set_line_width(cr, 5);
	cairo_stroke(cr);
	cairo_select_font_face(cr, "Noto Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_BOLD);
	cairo_set_font_size(cr, strlen(demo_logos[i].initials) > 2 ? 40 : 54);
	cairo_text_extents(cr, demo_logos[i].initials, &te);
	cairo_move_to(cr, 80 - te.width / 2 - te.x_bearing, 80 - te.height / 2 - te.y_bearing);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_show_text(cr, demo_logos[i].initials);
	cairo_destroy(cr);
	cairo_surface_write_to_png_stream(s, demo_png_sink, out);
	cairo_surface_destroy(s);
}

int demo_load_certificates(struct db *db, int64_t series_id, const char *slug, bool dated,
                           int64_t now)
{
	char object[80];
	struct cert_rule_job rules = {
	    .series_id = series_id,
	    .now = now,
	    .rule = {.set = true, .final_need = CERT_FINAL_PASSED, .sessions_min = 6},
	    .object = object,
	};
	struct cert_settings_job set = {
	    .series_id = series_id,
	    .now = now,
	    .s = {.prefix = "OCOP",
	          .place = "TP. Hồ Chí Minh",
	          .issuer = "Trung tâm Phát triển Nông thôn Saemaul Undong",
	          .signer_name = "TS. Nguyễn Minh Khang (tên mẫu)",
	          .signer_title = "Giám đốc",
	          .wording = "",
	          .second_lang = "Certificat de formation — Programme « Une commune, un "
	                         "produit » (OCOP), formation en ligne 2021",
	          .issue_date = dated ? vtime_local(2021, 10, 15, 9, 0) : 0},
	    .object = object,
	};
	int rc = -1;

	snprintf(object, sizeof(object), "series:%s", slug);
	set.s.logos = json_array();
	if (cert_rule_save(db, &rules) != DB_OK || cert_settings_save(db, &set) != DB_OK)
		goto out;
	for (size_t i = 0; i < sizeof(demo_logos) / sizeof(*demo_logos); i++) {
		struct buf png;
		buf_init(&png, 0);
		demo_logo(&png, i);
		struct cert_settings_job add = set;
		add.logo = png.p;
		add.logo_len = png.len;
		int r = cert_settings_save(db, &add);
		buf_release(&png);
		if (r != DB_OK)
			goto out;
	}
	rc = 0;
out:
	json_decref(set.s.logos);
	return rc;
}
