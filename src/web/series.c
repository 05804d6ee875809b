/*
 * series.c: GET /s/{slug}, the public page of a series: organisers, dates,
 * the schedule with its topics, the channels, the number registered and
 * the register button, and the materials marked public.
 *
 * The page is the most read one and changes rarely, so the rendered bytes
 * are kept per series and sent again while nothing they show has changed:
 * the series' version (series.version, bumped in the same transaction as
 * every console edit of the series, its organisers, sessions, topics and
 * materials; it comes with the one read of the series row every request
 * makes), the registration count (series_count_active, itself a recount
 * kept 2 s and forgotten on this process's own registrations) and whether
 * registration is open now.  A kept page is also rendered again after
 * SERIES_PAGE_TTL_MS whatever it shows, so a change made outside the
 * console (by hand, in SQL) appears within that time too.  Rendering costs
 * ~120 µs; sending the kept bytes a copy.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/series.h"
#include "web/materials.h"
#include "web/pages.h"
#include "web/view.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SERIES_PAGE_SLOTS 16
#define SERIES_PAGE_TTL_MS 1000

/* One kept page: what it was rendered from, and its bytes (malloc'ed). */
struct series_page {
	int64_t series_id, version, count, at_ms;
	bool open;
	const char *why; /* why not open: one of a few fixed strings */
	char *html;
	size_t len;
};

static struct series_page series_pages[SERIES_PAGE_SLOTS];
static pthread_mutex_t series_page_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t series_page_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Copies the kept page of `key` into the response if it is still what a
 * render would give; false otherwise. */
static bool series_page_send(struct req *r, const struct series_page *key)
{
	struct series_page *p = &series_pages[(uint64_t)key->series_id % SERIES_PAGE_SLOTS];
	bool hit;

	pthread_mutex_lock(&series_page_lock);
	hit = p->html && p->series_id == key->series_id && p->version == key->version &&
	      p->count == key->count && p->open == key->open && p->why == key->why &&
	      key->at_ms - p->at_ms < SERIES_PAGE_TTL_MS;
	if (hit) {
		r->status = 200;
		r->content_type = "text/html; charset=utf-8";
		buf_reset(&r->out);
		buf_add(&r->out, p->html, p->len);
	}
	pthread_mutex_unlock(&series_page_lock);
	return hit;
}

/* Keeps the page just rendered into r->out for `key`. */
static void series_page_keep(struct req *r, const struct series_page *key)
{
	struct series_page *p = &series_pages[(uint64_t)key->series_id % SERIES_PAGE_SLOTS];
	char *html = xmalloc(r->out.len + 1);

	memcpy(html, r->out.p, r->out.len);
	html[r->out.len] = 0;
	pthread_mutex_lock(&series_page_lock);
	free(p->html);
	*p = *key;
	p->html = html;
	p->len = r->out.len;
	pthread_mutex_unlock(&series_page_lock);
}

void page_series(struct req *r)
{
	struct series s;
	const char *why = NULL;

	switch (series_find(r->db, r->params[0], &s)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy chuỗi tập huấn này."));
		return;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	bool open = series_registration_open(&s, (int64_t)time(NULL), &why);
	struct series_page key = {.series_id = s.id,
				  .version = s.version,
				  .count = series_count_active(r->db, s.id),
				  .at_ms = series_page_now_ms(),
				  .open = open,
				  .why = why};
	if (series_page_send(r, &key))
		return;
	json_t *series = series_load_schedule(r->db, &s);
	if (!series) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	/* The count the page is kept against, read once. */
	json_object_set_new(series, "registration_count", json_integer(key.count));
	view_series(series);
	json_t *materials = materials_view(r, s.id, true,
					   arena_printf(&r->arena, "/s/%s/materials", s.slug));
	req_render(r, 200, "series",
		   json_pack("{s:o, s:b, s:s?, s:b, s:o}", "series", series, "open", open,
			     "closed_why", why, "has_materials", json_array_size(materials) > 0,
			     "materials", materials));
	if (r->status == 200)
		series_page_keep(r, &key);
}
