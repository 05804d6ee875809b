/*
 * pages.h: every handler the route table names.  One file per page or
 * page family in src/web/.
 */
#ifndef OCOP_PAGES_H
#define OCOP_PAGES_H

struct req;

void page_home(struct req *r);               /* home.c */
void page_series(struct req *r);             /* series.c */
void page_register_get(struct req *r);       /* register.c */
void page_register_post(struct req *r);      /* register.c */
void page_me(struct req *r);                 /* me.c */
void page_me_ics(struct req *r);             /* me.c */
void api_series_get(struct req *r);          /* api_series.c */
void api_registrations_post(struct req *r);  /* api_series.c */
void page_healthz(struct req *r);            /* misc.c */
void page_static(struct req *r);             /* misc.c */

void page_ocop_list(struct req *r);         /* ocop_me.c */
void page_ocop_start(struct req *r);        /* ocop_me.c */
void page_ocop_form(struct req *r);         /* ocop_me.c */
void page_ocop_save(struct req *r);         /* ocop_me.c */
void page_ocop_result(struct req *r);       /* ocop_result.c */
void page_ocop_pdf(struct req *r);          /* ocop_result.c */
void page_ocop_demo_get(struct req *r);     /* ocop_demo.c */
void page_ocop_demo_post(struct req *r);    /* ocop_demo.c */

void page_admin_login_get(struct req *r);   /* admin_login.c */
void page_admin_login_post(struct req *r);  /* admin_login.c */
void page_admin_logout(struct req *r);      /* admin_login.c */
void page_admin_home(struct req *r);        /* admin_home.c */
void page_admin_audit(struct req *r);       /* admin_home.c */
void page_admin_ocop(struct req *r);        /* admin_ocop.c */
void page_admin_ocop_xlsx(struct req *r);   /* admin_ocop.c */

#endif
