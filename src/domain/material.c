/*
 * material.c: see material.h.  Reads run on the caller's connection; the
 * writes are group-commit jobs, so the row, its chunks and the audit entry
 * of an upload share one transaction (the writer's savepoint per job): a
 * failed chunk rolls the whole upload back.
 */
#include "domain/material.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/series.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define MATERIAL_COLS                                                                              \
	"id, series_id, COALESCE(topic_id, 0), size, is_public, title, filename, "                 \
	"content_type, sha256"

static void material_copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src);
}

int material_find(struct db *db, int64_t series_id, int64_t id, struct material *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " MATERIAL_COLS " FROM materials "
	                                    "WHERE id = $1 AND series_id = $2");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, series_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->series_id = db_col_int(st, 1);
		out->topic_id = db_col_int(st, 2);
		out->size = db_col_int(st, 3);
		out->is_public = db_col_int(st, 4) != 0;
		material_copy(out->title, sizeof(out->title), db_col_text(st, 5));
		material_copy(out->filename, sizeof(out->filename), db_col_text(st, 6));
		material_copy(out->content_type, sizeof(out->content_type), db_col_text(st, 7));
		material_copy(out->sha256, sizeof(out->sha256), db_col_text(st, 8));
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

json_t *material_list(struct db *db, int64_t series_id, bool public_only)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
	    db, "SELECT m.id, m.title, m.filename, m.content_type, m.size, m.is_public, "
	        "m.created_at, COALESCE(m.topic_id, 0), COALESCE(t.position, 0), "
	        "COALESCE(t.title, '') FROM materials m LEFT JOIN topics t ON t.id = m.topic_id "
	        "WHERE m.series_id = $1 AND (m.is_public = 1 OR $2 = 0) "
	        "ORDER BY COALESCE(t.position, 0), m.created_at, m.id");

	if (!st)
		return list;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, public_only);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
		    list,
		    json_pack("{s:I, s:s, s:s, s:s, s:I, s:b, s:I, s:I, s:I, s:s}", "id",
		              (json_int_t)db_col_int(st, 0), "title", db_col_text(st, 1),
		              "filename", db_col_text(st, 2), "content_type", db_col_text(st, 3),
		              "size", (json_int_t)db_col_int(st, 4), "is_public",
		              db_col_int(st, 5) != 0, "created_at", (json_int_t)db_col_int(st, 6),
		              "topic_id", (json_int_t)db_col_int(st, 7), "topic_position",
		              (json_int_t)db_col_int(st, 8), "topic_title", db_col_text(st, 9)));
	db_done(st);
	return list;
}

json_t *material_topics(struct db *db, int64_t series_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT id, position, title FROM topics "
	                                    "WHERE series_id = $1 ORDER BY position");

	if (!st)
		return list;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(list, json_pack("{s:I, s:I, s:s}", "id",
		                                      (json_int_t)db_col_int(st, 0), "position",
		                                      (json_int_t)db_col_int(st, 1), "title",
		                                      db_col_text(st, 2)));
	db_done(st);
	return list;
}

bool material_topic_ok(struct db *db, int64_t series_id, int64_t topic_id)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT 1 FROM topics WHERE id = $1 AND series_id = $2");
	int64_t one = 0;

	if (!st)
		return false;
	db_bind_int(st, 1, topic_id);
	db_bind_int(st, 2, series_id);
	return db_one_int(st, &one) == DB_OK && one == 1;
}

ssize_t material_read(struct db *db, int64_t id, uint64_t pos, char *buf, size_t max)
{
	struct db_stmt *st = db_prepare(db, "SELECT data FROM material_chunks "
	                                    "WHERE material_id = $1 AND seq = $2");
	uint64_t off = pos % MATERIAL_CHUNK;
	ssize_t n = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, (int64_t)(pos / MATERIAL_CHUNK));
	switch (db_step(st)) {
	case DB_ROW: {
		size_t len = db_col_len(st, 0);
		const char *data = db_col_blob(st, 0);
		if (off >= len)
			break; /* a chunk shorter than it should be */
		size_t k = len - off < max ? len - off : max;
		memcpy(buf, data + off, k);
		n = (ssize_t)k;
		break;
	}
	case DB_DONE:
		n = off == 0 ? 0 : -1; /* past the last chunk: the end */
		break;
	default:
		break;
	}
	db_done(st);
	return n;
}

static json_t *material_json(const struct material *m)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:s, s:b}", "series_id",
	                 (json_int_t)m->series_id, "topic_id", (json_int_t)m->topic_id, "title",
	                 m->title, "filename", m->filename, "content_type", m->content_type, "size",
	                 (json_int_t)m->size, "sha256", m->sha256, "is_public", m->is_public);
}

int material_insert(struct db *db, void *arg)
{
	struct material_new *in = arg;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO materials (series_id, topic_id, title, filename, content_type, "
	        "size, sha256, is_public, created_at, uploaded_by) "
	        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, in->series_id);
	if (in->topic_id)
		db_bind_int(st, 2, in->topic_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, in->title);
	db_bind_text(st, 4, in->filename);
	db_bind_text(st, 5, in->content_type);
	db_bind_int(st, 6, (int64_t)in->len);
	db_bind_text(st, 7, in->sha256);
	db_bind_int(st, 8, in->is_public);
	db_bind_int(st, 9, in->now);
	db_bind_int(st, 10, in->who->id);
	if (db_one_int(st, &in->id) != DB_OK || series_touch(db, in->series_id) != DB_OK)
		return DB_ERROR;
	for (size_t off = 0, seq = 0; off < in->len; off += MATERIAL_CHUNK, seq++) {
		size_t n = in->len - off < MATERIAL_CHUNK ? in->len - off : MATERIAL_CHUNK;
		st = db_prepare(db, "INSERT INTO material_chunks (material_id, seq, data) "
		                    "VALUES ($1, $2, $3)");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, in->id);
		db_bind_int(st, 2, (int64_t)seq);
		db_bind_blob(st, 3, in->data + off, n);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	struct material m = {.series_id = in->series_id,
	                     .topic_id = in->topic_id,
	                     .size = (int64_t)in->len,
	                     .is_public = in->is_public};
	material_copy(m.title, sizeof(m.title), in->title);
	material_copy(m.filename, sizeof(m.filename), in->filename);
	material_copy(m.content_type, sizeof(m.content_type), in->content_type);
	material_copy(m.sha256, sizeof(m.sha256), in->sha256);
	json_t *after = material_json(&m);
	char object[48];
	snprintf(object, sizeof(object), "material:%lld", (long long)in->id);
	int rc = audit_add(db, in->who, "material.upload", object, NULL, after, in->now);
	json_decref(after);
	return rc == DB_OK ? DB_OK : DB_ERROR;
}

/* Loads the material a change is about, for the audit's "before". */
static int material_before(struct db *db, const struct material_change *c, json_t **before,
                           char *object, size_t n)
{
	struct material m;
	int rc = material_find(db, c->series_id, c->id, &m);

	if (rc != DB_OK)
		return rc;
	*before = material_json(&m);
	snprintf(object, n, "material:%lld", (long long)c->id);
	return DB_OK;
}

int material_delete(struct db *db, void *arg)
{
	struct material_change *c = arg;
	json_t *before = NULL;
	char object[48];
	int rc = material_before(db, c, &before, object, sizeof(object));
	struct db_stmt *st;

	if (rc != DB_OK)
		return rc;
	rc = DB_ERROR;
	st = db_prepare(db, "DELETE FROM material_chunks WHERE material_id = $1");
	if (!st)
		goto out;
	db_bind_int(st, 1, c->id);
	if (db_run(st) != DB_OK)
		goto out;
	st = db_prepare(db, "DELETE FROM materials WHERE id = $1");
	if (!st)
		goto out;
	db_bind_int(st, 1, c->id);
	if (db_run(st) != DB_OK || series_touch(db, c->series_id) != DB_OK)
		goto out;
	rc = audit_add(db, c->who, "material.delete", object, before, NULL, c->now);
out:
	json_decref(before);
	return rc;
}

int material_set_public(struct db *db, void *arg)
{
	struct material_change *c = arg;
	json_t *before = NULL, *after;
	char object[48];
	int rc = material_before(db, c, &before, object, sizeof(object));
	struct db_stmt *st;

	if (rc != DB_OK)
		return rc;
	rc = DB_ERROR;
	st = db_prepare(db, "UPDATE materials SET is_public = $1 WHERE id = $2");
	if (!st)
		goto out;
	db_bind_int(st, 1, c->is_public);
	db_bind_int(st, 2, c->id);
	if (db_run(st) != DB_OK || series_touch(db, c->series_id) != DB_OK)
		goto out;
	after = json_deep_copy(before);
	json_object_set_new(after, "is_public", json_boolean(c->is_public));
	rc = audit_add(db, c->who, "material.public", object, before, after, c->now);
	json_decref(after);
out:
	json_decref(before);
	return rc;
}

void material_sha256(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}
