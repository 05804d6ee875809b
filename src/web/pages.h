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

void page_admin_login_get(struct req *r);   /* admin_login.c */
void page_admin_login_post(struct req *r);  /* admin_login.c */
void page_admin_logout(struct req *r);      /* admin_login.c */
void page_admin_home(struct req *r);        /* admin_home.c */
void page_admin_audit(struct req *r);       /* admin_home.c */
void page_admin_regs(struct req *r);        /* admin_regs.c */
void page_admin_regs_csv(struct req *r);    /* admin_regs.c */
void page_admin_regs_xlsx(struct req *r);   /* admin_regs.c */
void page_admin_reg_get(struct req *r);     /* admin_reg_edit.c */
void page_admin_reg_post(struct req *r);    /* admin_reg_edit.c */
void page_admin_reg_status(struct req *r);  /* admin_reg_edit.c */
void page_admin_import_get(struct req *r);  /* admin_reg_import.c */
void page_admin_import_post(struct req *r); /* admin_reg_import.c */
void page_admin_import_job(struct req *r);  /* admin_reg_import.c */

#endif
