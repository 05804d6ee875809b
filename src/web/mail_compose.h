/*
 * mail_compose.h: the messages the web layer puts in the outbox, rendered
 * from templates (templates/mail_*.txt and mail_*.html) at the moment they
 * are queued, so that what is sent is what was decided then.
 */
#ifndef OCOP_MAIL_COMPOSE_H
#define OCOP_MAIL_COMPOSE_H

#include <jansson.h>

struct req;
struct series;
struct outbox_msg;

/* The given name, for greetings: the last word of a Vietnamese full name
 * ("Nguyễn Thị Cơ" -> "Cơ"). Arena string. */
const char *mail_given_name(struct req *r, const char *full_name);
/* The host part of the base URL, for Message-IDs. */
const char *mail_host(struct req *r);
/* The registration confirmation (personal link, schedule, .ics attached)
 * for full_name at to_addr with personal token; NULL on error. */
struct outbox_msg *mail_confirmation(struct req *r, const struct series *s,
				     const char *full_name, const char *to_addr,
				     const char *token);
/* Renders template pair `name` (name.txt and name) with ctx (borrowed) into
 * m's subject-less bodies.  0 or -1. */
int mail_render(struct req *r, const char *name, json_t *ctx, struct outbox_msg *m);

#endif
