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
void page_me_checkin(struct req *r);         /* me.c */
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
/* Materials */
void page_admin_materials(struct req *r);            /* admin_materials.c */
void page_admin_materials_upload(struct req *r);     /* admin_materials.c */
void page_admin_material_download(struct req *r);    /* admin_materials.c */
void page_admin_material_delete_get(struct req *r);  /* admin_materials.c */
void page_admin_material_delete(struct req *r);      /* admin_materials.c */
void page_admin_material_public(struct req *r);      /* admin_materials.c */
void page_me_material(struct req *r);                /* materials.c */
void page_series_material(struct req *r);            /* materials.c */

/* Console: attendance */
void page_admin_attendance(struct req *r);          /* admin_attendance.c */
void page_admin_attendance_csv(struct req *r);      /* admin_attendance.c */
void page_admin_session_attendance(struct req *r);  /* admin_attendance.c */
void page_admin_attendance_rule(struct req *r);     /* admin_attendance_post.c */
void page_admin_attendance_import(struct req *r);   /* admin_attendance_post.c */
void page_admin_attendance_assign(struct req *r);   /* admin_attendance_post.c */
void page_admin_checkin_open(struct req *r);        /* admin_attendance_post.c */
void page_admin_checkin_close(struct req *r);       /* admin_attendance_post.c */

/* Certificates */
void page_admin_certificates(struct req *r);           /* admin_certs.c */
void page_admin_certificates_rules(struct req *r);     /* admin_certs_post.c */
void page_admin_certificates_settings(struct req *r);  /* admin_certs_post.c */
void page_admin_certificates_decision(struct req *r);  /* admin_certs_post.c */
void page_admin_certificates_issue(struct req *r);     /* admin_certs_post.c */
void page_admin_certificates_revoke(struct req *r);    /* admin_certs_post.c */
void page_admin_certificates_zip(struct req *r);       /* admin_certs_export.c */
void page_admin_certificates_csv(struct req *r);       /* admin_certs_export.c */
void page_me_certificate(struct req *r);               /* certificate.c */
void page_verify(struct req *r);                       /* verify.c */
void page_verify_code(struct req *r);                  /* verify.c */
void page_verify_check(struct req *r);                 /* verify.c */
void api_certificate_get(struct req *r);               /* verify.c */

#endif
