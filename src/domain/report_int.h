/*
 * report_int.h: the cube behind report.h, shared by the files that fill
 * it (report.c: the series, provinces and registrations; report_rows.c:
 * attendance, evaluations, mail; report_certs.c: certificates) and the one
 * that reads it (report_build.c).  Not for use outside src/domain/report*.
 *
 * A bucket is one (province, category) pair: province index p in the
 * series' own list (RC_PROV - 1 is "not in the list"), category index k in
 * reg_categories (RC_CAT - 1 is "unknown"); b = p * RC_CAT + k.
 */
#ifndef OCOP_REPORT_INT_H
#define OCOP_REPORT_INT_H

#include "domain/report.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#define RC_PROV             64 /* 63 pre-2025 units and "not in the list" */
#define RC_CAT              9  /* 8 categories and "unknown" */
#define RC_B                (RC_PROV * RC_CAT)
#define RC_SRC              8 /* att_attended() source sets, ATT_ZOOM | ATT_CHECKIN | ... */
#define RC_DAYS_MAX         1100
#define RC_SPEAKER_SESSIONS 16

enum rc_mail { RC_QUEUED, RC_SENDING, RC_SENT, RC_FAILED, RC_CANCELLED, RC_RETRYING, RC_MAIL };

struct rc_province {
	char code[4], name[64], successor[4];
};

struct rc_session {
	int64_t id, starts_at;
	int number;
	const char *title; /* owned by cube->series */
	int64_t att[RC_SRC][RC_B];
};

struct rc_eval {
	int64_t id, session_id;
	char title[200];
	int64_t subs[RC_B], passed[RC_B], score[RC_B], max[RC_B];
	int64_t rsum[4][RC_B], rcnt[4][RC_B];
};

struct rc_speaker {
	const char *name, *org; /* owned by cube->series */
	int64_t sessions[RC_SPEAKER_SESSIONS];
	int nsessions;
};

/* The registrations of the series by id: their bucket, whether active, and
 * how many sessions they attended. */
struct rc_regs {
	int64_t *id; /* ascending */
	int16_t *bucket;
	bool *active;
	uint8_t *attended; /* sessions attended */
	int32_t *day;      /* local day of registering (temporary) */
	size_t n, cap;
};

struct report_cube {
	atomic_int refs;
	int64_t series_id, at;
	json_t *series; /* series_load_schedule() */
	bool pre2025;   /* registrations carry codes of the 63 earlier units */
	struct rc_province prov[RC_PROV - 1], cur[RC_PROV - 1];
	int nprov, ncur; /* the series' list; the 34 current units */
	struct rc_regs regs;

	int64_t reg_active[RC_B], reg_withdrawn[RC_B];
	int64_t took_part[RC_B], stayed[RC_B];
	int64_t day0;
	int ndays;
	int32_t *days; /* ndays * RC_B registrations per local day */

	struct rc_session *sess;
	int nsess;
	struct rc_eval *evals;
	int nevals;
	struct rc_speaker *speakers;
	int nspeakers;
	int64_t mail[RC_MAIL][RC_B];

	bool certs_available;
	int64_t cert_valid[RC_B], cert_revoked[RC_B];
	bool cert_pending_known; /* the series has certificate rules */
	int64_t cert_pending[RC_B];
};

/* The bucket of a registration of the series; -1 if it is not one. */
int rc_bucket(const struct report_cube *c, int64_t reg_id, size_t *index);

/* report_rows.c */
/* The sessions in order with their speakers (no SQL). */
void rc_init_sessions(struct report_cube *c);
/* Attendance of sessions [from, to): counts into c->sess[], and into
 * attended[] (parallel to c->regs) the sessions each person attended.
 * Calls on disjoint ranges with their own db and attended may run at
 * once. */
int rc_load_attendance(struct db *db, struct report_cube *c, int from, int to, uint8_t *attended);
int rc_load_evaluations(struct db *db, struct report_cube *c);
int rc_load_mail(struct db *db, struct report_cube *c);

/* report_certs.c: DB_OK (c->certs_available set), DB_ERROR. */
int rc_load_certs(struct db *db, struct report_cube *c);

#endif
