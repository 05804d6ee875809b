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

void page_eval_get(struct req *r);          /* evaluation.c */
void page_eval_post(struct req *r);         /* evaluation.c */
void api_evals_list(struct req *r);         /* api_evaluation.c */
void api_eval_get(struct req *r);           /* api_evaluation.c */
void api_eval_submit(struct req *r);        /* api_evaluation.c */

/* Console: evaluations */
void page_admin_evals(struct req *r);          /* admin_evals.c */
void page_admin_eval_new(struct req *r);       /* admin_evals.c */
void page_admin_eval_create(struct req *r);    /* admin_evals.c */
void page_admin_eval(struct req *r);           /* admin_evals.c */
void page_admin_eval_save(struct req *r);      /* admin_evals.c */
void page_admin_eval_import(struct req *r);    /* admin_eval_io.c */
void page_admin_eval_duplicate(struct req *r); /* admin_eval_io.c */
void page_admin_eval_export(struct req *r);    /* admin_eval_io.c */
void page_admin_eval_q_add(struct req *r);     /* admin_eval_questions.c */
void page_admin_eval_q(struct req *r);         /* admin_eval_questions.c */
void page_admin_eval_q_post(struct req *r);    /* admin_eval_questions.c */
void page_admin_eval_o_add(struct req *r);     /* admin_eval_questions.c */
void page_admin_eval_o_post(struct req *r);    /* admin_eval_questions.c */
void page_admin_eval_results(struct req *r);   /* admin_eval_results.c */
void page_admin_eval_person(struct req *r);    /* admin_eval_person.c */
void page_admin_eval_csv(struct req *r);       /* admin_eval_export.c */
void page_admin_eval_xlsx(struct req *r);      /* admin_eval_export.c */

#endif
