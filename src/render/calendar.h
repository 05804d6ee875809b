/*
 * calendar.h: a participant's sessions as the personal page and the
 * calendar file show them: each session's join links (its own, else the
 * series channel of that kind), and the .ics with one event per session.
 * Shared by /me/{token}/calendar.ics and the confirmation mail.
 */
#ifndef OCOP_CALENDAR_H
#define OCOP_CALENDAR_H

#include <jansson.h>
#include <stdint.h>

struct buf;

/* Adds "links" to every session of a series from series_load(). */
void calendar_links(json_t *series);
/* The iCalendar text for series (with links) into out.  personal_url is the
 * participant's page; host names the UIDs; stamp is DTSTAMP. */
void calendar_ics(struct buf *out, json_t *series, int64_t registration_id,
		  const char *personal_url, const char *host, int64_t stamp);

#endif
