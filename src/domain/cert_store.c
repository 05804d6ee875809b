/*
 * cert_store.c: a series' certificate rules, settings and hand decisions,
 * and the issue jobs' rows (see certificate.h).  Every write is one
 * group-commit job (with its audit entry for the organiser's changes);
 * images are stored once by content (certificate_images).
 */
#include "domain/certificate.h"
#include "core/arena.h"
#include "db/db.h"
#include "domain/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int cert_rule_load(struct db *db, int64_t series_id, struct cert_rule *r)
{
	struct db_stmt *st = db_prepare(db, "SELECT evals_min, evals_pass, evals_mark, final_need, "
	                                    "final_mark, sessions_min FROM certificate_rules WHERE "
	                                    "series_id = $1");
	int rc;

	memset(r, 0, sizeof(*r));
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		r->set = true;
		r->evals_min = (int)db_col_int(st, 0);
		r->evals_pass = db_col_int(st, 1) != 0;
		r->evals_mark = (int)db_col_int(st, 2);
		r->final_need = (int)db_col_int(st, 3);
		r->final_mark = (int)db_col_int(st, 4);
		r->sessions_min = (int)db_col_int(st, 5);
	}
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

static json_t *rule_json(const struct cert_rule *r)
{
	return json_pack("{s:i, s:b, s:i, s:i, s:i, s:i}", "evals_min", r->evals_min, "evals_pass",
	                 r->evals_pass, "evals_mark", r->evals_mark, "final_need", r->final_need,
	                 "final_mark", r->final_mark, "sessions_min", r->sessions_min);
}

int cert_rule_save(struct db *db, void *arg)
{
	struct cert_rule_job *j = arg;
	struct cert_rule before;
	const struct cert_rule *r = &j->rule;

	if (cert_rule_load(db, j->series_id, &before) != DB_OK)
		return DB_ERROR;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO certificate_rules (series_id, evals_min, evals_pass, evals_mark, "
	        "final_need, final_mark, sessions_min, updated_at) VALUES ($1, $2, $3, $4, $5, "
	        "$6, $7, $8) ON CONFLICT (series_id) DO UPDATE SET evals_min = "
	        "excluded.evals_min, evals_pass = excluded.evals_pass, evals_mark = "
	        "excluded.evals_mark, final_need = excluded.final_need, final_mark = "
	        "excluded.final_mark, sessions_min = excluded.sessions_min, updated_at = "
	        "excluded.updated_at");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	db_bind_int(st, 2, r->evals_min);
	db_bind_int(st, 3, r->evals_pass);
	db_bind_int(st, 4, r->evals_mark);
	db_bind_int(st, 5, r->final_need);
	db_bind_int(st, 6, r->final_mark);
	db_bind_int(st, 7, r->sessions_min);
	db_bind_int(st, 8, j->now);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	json_t *b = before.set ? rule_json(&before) : NULL, *a = rule_json(r);
	int rc = audit_add(db, j->who, "certificates.rules", j->object, b, a, j->now);
	json_decref(b);
	json_decref(a);
	return rc;
}

int cert_settings_load(struct db *db, struct arena *a, int64_t series_id, struct cert_settings *s)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT prefix, place, issuer, signer_name, signer_title, wording, second_lang, "
	        "COALESCE(issue_date, 0), COALESCE(background_id, 0), logos FROM "
	        "certificate_settings WHERE series_id = $1");
	int rc;

	memset(s, 0, sizeof(*s));
	memcpy(s->prefix, "CN", 3);
	s->place = s->issuer = s->signer_name = s->signer_title = s->wording = s->second_lang = "";
	s->logos = json_array();
	arena_defer(a, (void (*)(void *))json_decref, s->logos);
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(s->prefix, sizeof(s->prefix), "%s", db_col_text(st, 0));
		const char **f[] = {&s->place,        &s->issuer,  &s->signer_name,
		                    &s->signer_title, &s->wording, &s->second_lang};
		for (int i = 0; i < 6; i++)
			*f[i] = arena_strdup(a, db_col_text(st, i + 1));
		s->issue_date = db_col_int(st, 7);
		s->background_id = db_col_int(st, 8);
		json_t *logos = json_loads(db_col_text(st, 9), 0, NULL);
		if (json_is_array(logos)) {
			json_array_extend(s->logos, logos);
		}
		json_decref(logos);
	}
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

/* Stores a PNG once by content; *id receives its row. */
static int image_put(struct db *db, const void *png, size_t len, int64_t now, int64_t *id)
{
	char hex[65];
	struct db_stmt *st;

	cert_sha256_hex(png, len, hex);
	st = db_prepare(db, "INSERT INTO certificate_images (sha256, png, created_at) VALUES ($1, "
	                    "$2, $3) ON CONFLICT (sha256) DO NOTHING");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, hex);
	db_bind_blob(st, 2, png, len);
	db_bind_int(st, 3, now);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	st = db_prepare(db, "SELECT id FROM certificate_images WHERE sha256 = $1");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, hex);
	return db_one_int(st, id);
}

static json_t *settings_json(const struct cert_settings *s)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:O}", "prefix", s->prefix,
	                 "place", s->place, "issuer", s->issuer, "signer_name", s->signer_name,
	                 "signer_title", s->signer_title, "wording", s->wording, "second_lang",
	                 s->second_lang, "issue_date", (json_int_t)s->issue_date, "background_id",
	                 (json_int_t)s->background_id, "logos", s->logos);
}

int cert_settings_save(struct db *db, void *arg)
{
	struct cert_settings_job *j = arg;
	struct cert_settings *s = &j->s;
	int64_t id;

	if (j->clear_images) {
		s->background_id = 0;
		json_array_clear(s->logos);
	}
	if (j->background) {
		if (image_put(db, j->background, j->background_len, j->now, &id) != DB_OK)
			return DB_ERROR;
		s->background_id = id;
	}
	if (j->logo) {
		if (image_put(db, j->logo, j->logo_len, j->now, &id) != DB_OK)
			return DB_ERROR;
		if (json_array_size(s->logos) >= 4)
			json_array_remove(s->logos, 0);
		json_array_append_new(s->logos, json_integer(id));
	}
	char *logos = json_dumps(s->logos, JSON_COMPACT);
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO certificate_settings (series_id, prefix, place, issuer, "
	        "signer_name, signer_title, wording, second_lang, issue_date, background_id, "
	        "logos, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
	        "ON CONFLICT (series_id) DO UPDATE SET prefix = excluded.prefix, place = "
	        "excluded.place, issuer = excluded.issuer, signer_name = excluded.signer_name, "
	        "signer_title = excluded.signer_title, wording = excluded.wording, second_lang "
	        "= excluded.second_lang, issue_date = excluded.issue_date, background_id = "
	        "excluded.background_id, logos = excluded.logos, updated_at = "
	        "excluded.updated_at");
	if (!st) {
		free(logos);
		return DB_ERROR;
	}
	const char *text[] = {s->prefix,       s->place,   s->issuer,     s->signer_name,
	                      s->signer_title, s->wording, s->second_lang};
	db_bind_int(st, 1, j->series_id);
	for (int i = 0; i < 7; i++)
		db_bind_text(st, i + 2, text[i]);
	if (s->issue_date)
		db_bind_int(st, 9, s->issue_date);
	else
		db_bind_null(st, 9);
	if (s->background_id)
		db_bind_int(st, 10, s->background_id);
	else
		db_bind_null(st, 10);
	db_bind_text(st, 11, logos);
	db_bind_int(st, 12, j->now);
	int rc = db_run(st);
	free(logos);
	if (rc != DB_OK)
		return DB_ERROR;
	json_t *after = settings_json(s);
	rc = audit_add(db, j->who, "certificates.settings", j->object, NULL, after, j->now);
	json_decref(after);
	return rc;
}

int cert_override_save(struct db *db, void *arg)
{
	struct cert_override_job *j = arg;
	struct db_stmt *st;

	if (j->decision == CERT_OV_NONE) {
		st = db_prepare(db, "DELETE FROM certificate_overrides WHERE series_id = $1 AND "
		                    "registration_id = $2");
		if (!st)
			return DB_ERROR;
	} else {
		st =
		    db_prepare(db, "INSERT INTO certificate_overrides (series_id, registration_id, "
		                   "decision, reason, decided_by, decided_at) VALUES ($1, $2, $3, "
		                   "$4, $5, $6) ON CONFLICT (series_id, registration_id) DO UPDATE "
		                   "SET decision = excluded.decision, reason = excluded.reason, "
		                   "decided_by = excluded.decided_by, decided_at = "
		                   "excluded.decided_at");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 3, j->decision == CERT_OV_GRANT ? "grant" : "refuse");
		db_bind_text(st, 4, j->reason);
		db_bind_text(st, 5, j->by);
		db_bind_int(st, 6, j->now);
	}
	db_bind_int(st, 1, j->series_id);
	db_bind_int(st, 2, j->registration_id);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	char object[64];
	snprintf(object, sizeof(object), "series:%lld/registration:%lld", (long long)j->series_id,
	         (long long)j->registration_id);
	json_t *after = json_pack("{s:s, s:s}", "decision",
	                          j->decision == CERT_OV_GRANT    ? "grant"
	                          : j->decision == CERT_OV_REFUSE ? "refuse"
	                                                          : "none",
	                          "reason", j->reason ? j->reason : "");
	int rc = audit_add(db, j->who, "certificates.override", object, NULL, after, j->now);
	json_decref(after);
	return rc;
}

int cert_job_create(struct db *db, void *arg)
{
	struct cert_job_new *j = arg;
	struct db_stmt *st = db_prepare(db, "SELECT id FROM cert_jobs WHERE series_id = $1 AND "
	                                    "state = 'running'");
	int64_t tpl, issue_date = 0;
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	rc = db_one_int(st, &j->job_id);
	if (rc != DB_NOTFOUND) {
		j->resumed = rc == DB_OK;
		return rc;
	}
	if (cert_tpl_freeze(db, j->series_id, j->verify_base, j->now, &tpl) != DB_OK)
		return DB_ERROR;
	st = db_prepare(db, "SELECT COALESCE(issue_date, 0) FROM certificate_settings WHERE "
	                    "series_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	if (db_one_int(st, &issue_date) == DB_ERROR)
		return DB_ERROR;
	st = db_prepare(db, "INSERT INTO cert_jobs (series_id, template_id, issued_at, state, "
	                    "started_by, started_at, updated_at) VALUES ($1, $2, $3, 'running', "
	                    "$4, $5, $5) RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	db_bind_int(st, 2, tpl);
	db_bind_int(st, 3, issue_date ? issue_date : j->now);
	db_bind_text(st, 4, j->by);
	db_bind_int(st, 5, j->now);
	return db_one_int(st, &j->job_id);
}

int cert_job_latest(struct db *db, int64_t series_id, struct cert_job_view *v)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT id, total, done, started_at, updated_at, "
	                   "state, error FROM cert_jobs WHERE series_id = $1 ORDER "
	                   "BY id DESC LIMIT 1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		v->id = db_col_int(st, 0);
		v->total = db_col_int(st, 1);
		v->done = db_col_int(st, 2);
		v->started_at = db_col_int(st, 3);
		v->updated_at = db_col_int(st, 4);
		snprintf(v->state, sizeof(v->state), "%s", db_col_text(st, 5));
		snprintf(v->error, sizeof(v->error), "%s", db_col_text(st, 6));
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}
