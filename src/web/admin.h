/*
 * admin.h: what the console pages share: the context every console page
 * starts from (the account, its role, the CSRF token), and the series
 * access check.
 */
#ifndef OCOP_ADMIN_H
#define OCOP_ADMIN_H

#include <jansson.h>
#include <stdbool.h>

struct req;
struct series;

/* A new context object with "me" (email, role, is_admin, may_edit) and
 * "csrf". */
json_t *admin_ctx(struct req *r);
/* Finds the series of r->params[0] and checks the account may see it
 * (edit: may change it).  Returns 0, or -1 with the 404/403 answered. */
int admin_series(struct req *r, struct series *s, bool edit);
/* The context of a page about one series: admin_ctx() plus "series"
 * {id, slug, title, ...: series_edit_snapshot()} and "tab" {tab: true}
 * for the tab bar (templates/admin_series_tabs.html). */
json_t *admin_series_ctx(struct req *r, const struct series *s, const char *tab);

#endif
