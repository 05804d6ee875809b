/*
 * certificate.h: certificates of completion: who earns one (rules, and the
 * reasons of those who do not), verification codes and serial numbers, the
 * settings and frozen templates a PDF is made from, issuing in a background
 * job, revoking, and finding one to verify.  SQL only through db/; the PDF
 * itself is render/pdf_cert.c's.
 *
 * Files: cert_rules.c (pure rules), cert_code.c (codes, serials),
 * cert_people.c (every participant's facts), cert_store.c (settings, rules,
 * overrides, certificates), cert_pdf.c (templates, rendering),
 * cert_job.c (the issue job), cert_runner.c (jobs in the background).
 */
#ifndef OCOP_CERTIFICATE_H
#define OCOP_CERTIFICATE_H

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct buf;
struct db;
struct dbw;
struct account;

/* ---- Rules (cert_rules.c): pure, no SQL ---- */

#define CERT_ALL -1 /* evals_min, sessions_min: every one of them */

enum cert_final { CERT_FINAL_NO = 0, CERT_FINAL_SUBMITTED = 1, CERT_FINAL_PASSED = 2 };
enum cert_override { CERT_OV_NONE = 0, CERT_OV_GRANT, CERT_OV_REFUSE };

struct cert_rule {
	bool set;         /* false: the organiser has not set rules yet */
	int evals_min;    /* session evaluations that must count, or CERT_ALL */
	bool evals_pass;  /* an evaluation counts only when passed ... */
	int evals_mark;   /* ... with at least this percent (0: its own pass mark) */
	int final_need;   /* enum cert_final */
	int final_mark;   /* percent for CERT_FINAL_PASSED (0: its own pass mark) */
	int sessions_min; /* sessions attended (att_attended), or CERT_ALL */
};

/* What is known of one participant, counted under a rule. */
struct cert_facts {
	int evals_total, evals_submitted, evals_ok; /* session evaluations */
	int finals_total, finals_submitted, finals_ok;
	int sessions_total, sessions_attended;
	enum cert_override override;
	const char *override_reason; /* borrowed */
};

/* Whether one submission counts: need_pass false: submitted is enough;
 * otherwise mark > 0 asks score/max >= mark percent (a survey, max 0,
 * passes), mark 0 the evaluation's own verdict. */
bool cert_submission_counts(bool need_pass, int mark, bool passed, int64_t score, int64_t max);
/* Decides for one participant.  why receives what is missing under the
 * rules, in words, joined by "; " ("" when nothing), whatever the override;
 * a refusal adds its reason first.  Returns whether a certificate is due:
 * a grant says yes and a refusal no, whatever the rules say. */
bool cert_qualifies(const struct cert_rule *r, const struct cert_facts *f, char *why, size_t n);
/* A rule from its parts checked: 0, or -1 with a message (msgid) in *err. */
int cert_rule_validate(const struct cert_rule *r, const char **err);

/* ---- Codes and serials (cert_code.c) ---- */

#define CERT_CODE_LEN   20 /* Crockford base32: 100 bits */
#define CERT_CODE_SHOWN 23 /* XXXXX-XXXXX-XXXXX-XXXXX */
#define CERT_SERIAL_MAX 48
#define CERT_PREFIX_MAX 12

/* A new random code, normalised (20 characters, NUL-terminated). */
void cert_code_new(char out[CERT_CODE_LEN + 1]);
/* What a person typed or scanned to the normalised code: case folded,
 * dashes and spaces dropped, O -> 0, I and L -> 1.  False when it cannot be
 * a code (wrong length, U or another character). */
bool cert_code_normalize(const char *in, char out[CERT_CODE_LEN + 1]);
/* The normalised code in four groups of five joined by dashes. */
void cert_code_format(const char *code, char out[CERT_CODE_SHOWN + 1]);
/* "{prefix}-{year}-{000123}" (year of issued_at in UTC+7) into out. */
void cert_serial_format(const char *prefix, int64_t issued_at, int64_t serial_no,
                        char out[CERT_SERIAL_MAX]);
/* A serial as typed: trimmed, upper case; false if not plausibly one. */
bool cert_serial_normalize(const char *in, char out[CERT_SERIAL_MAX]);
/* Prefixes are 1-12 of A-Z and 0-9. */
bool cert_prefix_ok(const char *p);

/* ---- Participants (cert_people.c) ---- */

struct cert_person {
	int64_t registration_id;
	const char *full_name, *email, *sort_key; /* arena */
	struct cert_facts facts;
	bool qualifies;
	char why[320];
	/* Their certificate, if any. */
	const char *serial, *status; /* NULL when none */
	int64_t cert_id;
};

/* Every active participant of the series with their facts and verdict
 * under rule, in official order (given name first, vnsort.h).  The array
 * and strings are arena memory.  DB_OK or DB_ERROR. */
int cert_people_load(struct db *db, struct arena *a, int64_t series_id,
                     const struct cert_rule *rule, struct cert_person **out, size_t *n);

/* ---- Settings, rules, overrides (cert_store.c) ---- */

struct cert_settings {
	char prefix[CERT_PREFIX_MAX + 1];
	const char *place, *issuer, *signer_name, *signer_title, *wording, *second_lang;
	int64_t issue_date; /* 0: the day of issue */
	int64_t background_id;
	json_t *logos; /* array of image ids; owned by the arena */
};

/* Rules of a series (r->set false when none saved).  DB_OK or DB_ERROR. */
int cert_rule_load(struct db *db, int64_t series_id, struct cert_rule *r);
/* Settings (defaults when none saved) into arena memory. */
int cert_settings_load(struct db *db, struct arena *a, int64_t series_id, struct cert_settings *s);

/* Writes (group commit), each with its audit entry. */
struct cert_rule_job {
	int64_t series_id, now;
	struct cert_rule rule;
	const struct account *who;
	const char *object;
};
int cert_rule_save(struct db *db, void *job);

struct cert_settings_job {
	int64_t series_id, now;
	struct cert_settings s;
	/* New images (PNG), NULL when unchanged. */
	const void *background;
	size_t background_len;
	const void *logo;
	size_t logo_len;
	bool clear_images;
	const struct account *who;
	const char *object;
};
int cert_settings_save(struct db *db, void *job);

struct cert_override_job {
	int64_t series_id, registration_id, now;
	enum cert_override decision; /* CERT_OV_NONE removes it */
	const char *reason, *by;
	const struct account *who; /* NULL from the command line */
};
int cert_override_save(struct db *db, void *job);

/* ---- Certificates (cert_store.c) ---- */

struct cert {
	int64_t id, series_id, registration_id, template_id, serial_no, issued_at;
	int64_t revoked_at;
	char serial[CERT_SERIAL_MAX], code[CERT_CODE_LEN + 1], sha256[65];
	const char *full_name, *email, *status, *revoke_reason; /* arena */
	const char *series_slug, *series_title;                 /* arena */
};

/* By normalised code, by serial, or by participant.  DB_OK, DB_NOTFOUND,
 * DB_ERROR; strings in arena. */
int cert_find_code(struct db *db, struct arena *a, const char *code, struct cert *c);
int cert_find_serial(struct db *db, struct arena *a, const char *serial, struct cert *c);
int cert_find_reg(struct db *db, struct arena *a, int64_t registration_id, struct cert *c);
/* Calls fn for every certificate of the series in serial order. */
int cert_each(struct db *db, int64_t series_id, void (*fn)(const struct cert *c, void *arg),
              void *arg);
/* The register as CSV into file (a FILE *): serial, code, full_name,
 * email, issued_at (ISO 8601, UTC+7), status (valid or revoked). */
int cert_write_csv(struct db *db, int64_t series_id, void *file);

struct cert_revoke_job {
	char serial[CERT_SERIAL_MAX];
	const char *reason, *by;
	int64_t now;
	const struct account *who;
	int64_t series_id; /* out */
};
/* DB_OK, DB_NOTFOUND (no such serial), DB_CONFLICT (already revoked). */
int cert_revoke(struct db *db, void *job);

/* Failed verification look-ups, per client address (rate limit). */
#define CERT_VERIFY_WINDOW (10 * 60)
#define CERT_VERIFY_MAX    20
int64_t cert_verify_failures(struct db *db, const char *addr, int64_t now);
struct cert_fail_job {
	char key[80];
	int64_t now;
};
int cert_verify_fail(struct db *db, void *job);

/* ---- Templates and PDFs (cert_pdf.c) ---- */

struct cert_tpl; /* a frozen template with its images, ready to render */

/* Freezes the series' current settings (and its title, organisers, dates,
 * the verification base URL) as a new certificate_templates row; runs in a
 * write transaction.  DB_OK (*id set) or DB_ERROR. */
int cert_tpl_freeze(struct db *db, int64_t series_id, const char *verify_base, int64_t now,
                    int64_t *id);
/* Loads template id with its images.  NULL on error.  Free with
 * cert_tpl_free. */
struct cert_tpl *cert_tpl_load(struct db *db, int64_t id);
void cert_tpl_free(struct cert_tpl *t);
const char *cert_tpl_prefix(const struct cert_tpl *t);
/* The organisers' names of a template: a JSON array (caller owns). */
json_t *cert_tpl_orgs(const struct cert_tpl *t);
/* Renders the certificate of (full_name, serial, code, issued_at) with t
 * into out, on this thread's renderer.  0 or -1. */
int cert_pdf(const struct cert_tpl *t, const char *full_name, const char *serial, const char *code,
             int64_t issued_at, struct buf *out);
/* The same for a stored certificate, loading its template. */
int cert_pdf_of(struct db *db, const struct cert *c, struct buf *out);
/* SHA-256 of bytes as 64 hex characters. */
void cert_sha256_hex(const void *p, size_t len, char out[65]);

/* ---- Issuing (cert_job.c, cert_runner.c) ---- */

struct cert_job_new {
	int64_t series_id, now;
	const char *by, *verify_base;
	int64_t job_id; /* out */
	bool resumed;   /* out: a running job of the series was found */
};
/* Creates a job (or finds the running one).  Group commit. */
int cert_job_create(struct db *db, void *job);

struct cert_job_view {
	int64_t id, total, done, started_at, updated_at;
	char state[16];
	char error[200];
};
/* The newest job of the series.  DB_OK, DB_NOTFOUND, DB_ERROR. */
int cert_job_latest(struct db *db, int64_t series_id, struct cert_job_view *v);

/* Runs job id to its end on this thread: renders on `threads` worker
 * threads, writes batches through w.  Stops early (the job stays running,
 * to resume later) when *stop becomes true.  progress may be NULL.
 * Returns 0 (done, or stopped), -1 (failed: the job says why). */
int cert_job_run(struct db *db, struct dbw *w, int64_t job_id, int threads, const atomic_bool *stop,
                 void (*progress)(int64_t done, int64_t total, void *arg), void *arg);

struct cert_runner;
/* A thread that runs submitted jobs one after another, starting with every
 * job left running (by a crash or a restart).  Opens its own connection. */
struct cert_runner *cert_runner_start(const char *db_url, struct dbw *w, int threads);
void cert_runner_submit(struct cert_runner *r, int64_t job_id);
/* Stops after the batch in hand; unfinished jobs resume at the next start. */
void cert_runner_stop(struct cert_runner *r);

#endif
