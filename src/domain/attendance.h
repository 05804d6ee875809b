/*
 * attendance.h: one attendance record per participant per session, from
 * three sources: Zoom reports (import, matching, hand assignment), stream
 * check-in codes, and the session's evaluation.  Whether a participant
 * attended a session is decided here, once (att_attended), and every page,
 * export, certificate rule and report asks this file.
 */
#ifndef OCOP_ATTENDANCE_H
#define OCOP_ATTENDANCE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct att_session {
	int64_t id, series_id, starts_at, ends_at;
	int position;
};

struct att_rule {
	int min_percent;  /* of the session's length, from Zoom */
	int min_checkins; /* 0: check-ins alone do not count */
};

/* What is known of one participant in one session. */
struct att_record {
	int64_t registration_id;
	int64_t zoom_seconds;
	int checkins;
	bool evaluation; /* submitted in the window of an evaluation that counts */
};

enum att_source { ATT_NONE = 0, ATT_ZOOM = 1, ATT_CHECKIN = 2, ATT_EVALUATION = 4 };

int att_session_load(struct db *db, int64_t session_id, struct att_session *out);
int att_rule_load(struct db *db, int64_t session_id, struct att_rule *out);
/* The sources that make rec count as attended under rule (0: not attended). */
unsigned att_attended(const struct att_session *s, const struct att_rule *rule,
		      const struct att_record *rec);
const char *att_source_text(unsigned sources); /* "Zoom, mã điểm danh" */

struct att_rule_job {
	int64_t session_id;
	struct att_rule rule;
};
int att_rule_save(struct db *db, void *job); /* group commit */
/* The Zoom imports of a session: [{id, filename, topic, rows, rejected,
 * people, matched, imported_at, by}]. */
json_t *att_imports_list(struct db *db, int64_t session_id);

/* Calls fn for every participant with any record in the session. */
int att_session_records(struct db *db, int64_t session_id,
			void (*fn)(const struct att_record *rec, void *arg), void *arg);

/* ---- Export (attendance_export.c) ---- */

struct att_row {
	int64_t registration_id;
	const char *email, *full_name; /* valid during the callback */
	const struct att_session *session;
	const char *session_date; /* dd/mm/yyyy */
	int64_t minutes;          /* Zoom minutes within the session */
	int checkins;
	bool evaluation;
	unsigned sources; /* att_attended(): 0 = not attended */
};
/* Every active participant x every session of the series, in order. */
int att_export(struct db *db, int64_t series_id, void (*row)(const struct att_row *r, void *arg),
	       void *arg);

/* ---- Zoom import (attendance_import.c) ---- */

struct att_import; /* parsed and matched, ready to store */

/* Parses and matches a report for session s, reading `len` bytes through
 * read() in chunks (so a file need not be in memory).  Returns the import,
 * or NULL with a message in err (e.g. not a Zoom report: which columns are
 * missing).  Memory grows with the people in the report, not its rows. */
struct att_import *att_import_parse(struct db *db, const struct att_session *s,
				    const char *filename, const char *sha256,
				    size_t (*read)(void *arg, char *buf, size_t n), void *arg,
				    char *err, size_t errlen);
void att_import_free(struct att_import *imp);
/* A warning the organiser must confirm (the report's date is not the
 * session's), or NULL. */
const char *att_import_date_warning(const struct att_import *imp);
/* The report as JSON: {rows, rejected, people, matched, unmatched,
 * problems[...first 200], unchanged, replaced}. */
json_t *att_import_report(const struct att_import *imp);
/* The write (group commit): replaces an earlier import of the same file,
 * does nothing for the very same bytes.  imported_by names the actor. */
struct att_import_job {
	struct att_import *imp;
	const char *imported_by;
	int64_t now;
	int64_t import_id; /* out */
};
int att_import_store(struct db *db, void *job);

/* Hand assignment of an unmatched row, remembered for the series. */
struct att_assign_job {
	int64_t unmatched_id, registration_id, series_id;
};
int att_assign(struct db *db, void *job);
/* Unmatched rows of a session with up to 3 suggestions each:
 * [{id, name, email, minutes, reason, suggestions:[{id, full_name, email}]}] */
json_t *att_unmatched(struct db *db, int64_t session_id);

/* ---- Check-in codes (checkin.c) ---- */

#define CHECKIN_CODE_LEN 6

struct checkin_open_job {
	int64_t session_id, series_id, now;
	int minutes;
	char code[CHECKIN_CODE_LEN + 1]; /* out */
	int64_t checkin_id;              /* out */
};
int checkin_open(struct db *db, void *job);
struct checkin_close_job {
	int64_t checkin_id, now;
};
int checkin_close(struct db *db, void *job);
struct checkin_enter_job {
	int64_t series_id, registration_id, now;
	char code[16];
	/* out */
	const char *why; /* on refusal */
	char why_buf[200];
	int64_t session_id;
	bool again;
};
/* DB_OK (entered, or entered before: again), DB_NOTFOUND (why set). */
int checkin_enter(struct db *db, void *job);
/* The code of check-in id into out (16 bytes).  DB_OK or DB_NOTFOUND. */
int checkin_code_of(struct db *db, int64_t checkin_id, char *out);
/* Whether check-in id belongs to the session. */
bool checkin_belongs(struct db *db, int64_t checkin_id, int64_t session_id);
/* Normalises what a person typed ("ab 3k-9x" -> "AB3K9X"); false if it
 * cannot be a code. */
bool checkin_code_normalize(const char *in, char *out);
/* The check-ins of a session: [{id, code, opens_at, closes_at, entries, open}] */
json_t *checkin_list(struct db *db, int64_t session_id, int64_t now);

#endif
