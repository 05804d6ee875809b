/*
 * admin_schedule.h: what the session and topic pages share: the lists
 * shown on the schedule page, the session choices, and the confirmation
 * page for a delete that needs one (or cannot be done).
 */
#ifndef OCOP_ADMIN_SCHEDULE_H
#define OCOP_ADMIN_SCHEDULE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct req;
struct series;
struct schedule_delete;

/* The sessions in order with number, date, start, end, topic_count
 * (caller owns). */
json_t *admin_schedule_sessions(struct req *r, const struct series *s);
/* Every topic in order, with session_label, first and last (caller owns). */
json_t *admin_schedule_topics(struct req *r, const struct series *s);
/* The session choices for the topic form, `selected` marked. */
json_t *admin_schedule_choices(struct req *r, const struct series *s, int64_t selected);
/* The 409 page after a delete that did not happen: kind "session" or
 * "topic"; may_confirm: confirming will work (the page has the button);
 * otherwise other rows point at it and the page says what to do. */
void admin_schedule_confirm(struct req *r, const struct series *s, const char *kind,
                            const struct schedule_delete *j, bool may_confirm);

#endif
