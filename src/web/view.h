/*
 * view.h: turns domain JSON into what templates show: dates and times in
 * Vietnamese formats, counts with thousands dots, choices with their
 * labels and the selected one marked.  Shared by the pages; no SQL.
 */
#ifndef OCOP_VIEW_H
#define OCOP_VIEW_H

#include <jansson.h>

struct req;

/* Adds display fields to a series from series_load() (in place). */
void view_series(json_t *series);
/* The province and category choices for the form, `selected` marked. */
json_t *view_provinces(const char *selected);
json_t *view_categories(const char *selected, int allow_legacy);
/* Adds date/start/end/weekday strings for a session object (in place). */
void view_session(json_t *session);

#endif
