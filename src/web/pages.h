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

void page_eval_get(struct req *r);          /* evaluation.c */
void page_eval_post(struct req *r);         /* evaluation.c */
void page_eval_link_get(struct req *r);     /* eval_link.c */
void page_eval_link_post(struct req *r);    /* eval_link.c */
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
void page_checkin_link_get(struct req *r);          /* checkin_link.c */
void page_checkin_link_post(struct req *r);         /* checkin_link.c */
void page_admin_checkin_qr(struct req *r);          /* checkin_link.c */
/* Console: series editing */
void page_series_logo(struct req *r);           /* series_logo.c */
void page_admin_series(struct req *r);          /* admin_series.c */
void page_admin_series_new(struct req *r);      /* admin_series.c */
void page_admin_series_create(struct req *r);   /* admin_series.c */
void page_admin_series_edit(struct req *r);     /* admin_series.c */
void page_admin_series_update(struct req *r);   /* admin_series.c */
void page_admin_schedule(struct req *r);        /* admin_sessions.c */
void page_admin_session_new(struct req *r);     /* admin_sessions.c */
void page_admin_session_create(struct req *r);  /* admin_sessions.c */
void page_admin_session_edit(struct req *r);    /* admin_sessions.c */
void page_admin_session_update(struct req *r);  /* admin_sessions.c */
void page_admin_session_delete(struct req *r);  /* admin_sessions.c */
void page_admin_topic_new(struct req *r);       /* admin_topics.c */
void page_admin_topic_create(struct req *r);    /* admin_topics.c */
void page_admin_topic_edit(struct req *r);      /* admin_topics.c */
void page_admin_topic_update(struct req *r);    /* admin_topics.c */
void page_admin_topic_delete(struct req *r);    /* admin_topics.c */
void page_admin_topic_move(struct req *r);      /* admin_topics.c */
void page_admin_members(struct req *r);         /* admin_members.c */
void page_admin_members_add(struct req *r);     /* admin_members.c */
void page_admin_members_remove(struct req *r);  /* admin_members.c */

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

/* Mail */
void page_admin_mail(struct req *r);               /* admin_mail.c */
void page_admin_mail_materials(struct req *r);     /* admin_mail.c */
void page_admin_mail_announcement(struct req *r);  /* admin_mail.c */
void page_admin_mail_certificates(struct req *r);  /* admin_mail.c */
void page_admin_mail_retry(struct req *r);         /* admin_mail.c */
void page_admin_mail_cancel(struct req *r);        /* admin_mail.c */
void page_unsubscribe_get(struct req *r);          /* unsubscribe.c */
void page_unsubscribe_post(struct req *r);         /* unsubscribe.c */
void page_admin_regs(struct req *r);        /* admin_regs.c */
void page_admin_regs_csv(struct req *r);    /* admin_regs.c */
void page_admin_regs_xlsx(struct req *r);   /* admin_regs.c */
void page_admin_reg_get(struct req *r);     /* admin_reg_edit.c */
void page_admin_reg_post(struct req *r);    /* admin_reg_edit.c */
void page_admin_reg_status(struct req *r);  /* admin_reg_edit.c */
void page_admin_import_get(struct req *r);  /* admin_reg_import.c */
void page_admin_import_post(struct req *r); /* admin_reg_import.c */
void page_admin_import_job(struct req *r);  /* admin_reg_import.c */

/* Reports */
void page_admin_report(struct req *r);      /* admin_report.c */
void page_admin_report_pdf(struct req *r);  /* admin_report.c */
void page_admin_report_xlsx(struct req *r); /* admin_report.c */

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
