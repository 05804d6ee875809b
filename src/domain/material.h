/*
 * material.h: files handed out to participants (slides, documents,
 * pictures), attached to a series or one of its topics, stored in the
 * database in chunks of MATERIAL_CHUNK bytes (migrations/0005_materials.sql)
 * so that every instance serves them and a download reads one chunk at a
 * time.  Whether a file is allowed is decided before, in filetype.c.
 */
#ifndef OCOP_MATERIAL_H
#define OCOP_MATERIAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct db;
struct account;

#define MATERIAL_CHUNK     (256u * 1024)
#define MATERIAL_TITLE_MAX 200 /* characters */

struct material {
	int64_t id, series_id, topic_id; /* topic_id 0: the whole series */
	int64_t size;
	bool is_public;
	char title[1024];
	char filename[256];
	char content_type[128];
	char sha256[65];
};

/* DB_OK (out filled), DB_NOTFOUND (no such material in that series) or
 * DB_ERROR. */
int material_find(struct db *db, int64_t series_id, int64_t id, struct material *out);
/* A series' materials (caller owns), by topic position (series-wide ones
 * first) then upload time: [{id, title, filename, content_type, size,
 * is_public, created_at, topic_id, topic_position, topic_title}].  Only
 * public ones when public_only.  An empty array on error. */
json_t *material_list(struct db *db, int64_t series_id, bool public_only);
/* The topics of a series, for the upload form: [{id, position, title}]. */
json_t *material_topics(struct db *db, int64_t series_id);
/* Whether topic_id is a topic of series_id. */
bool material_topic_ok(struct db *db, int64_t series_id, int64_t topic_id);

/*
 * Copies bytes from pos of material id's content into buf, never more than
 * max nor past the end of the chunk holding pos.  Returns the count, 0 at
 * the end of the content, -1 when a chunk is missing (the material was
 * deleted meanwhile) or on error.  Holds no statement between calls.
 */
ssize_t material_read(struct db *db, int64_t id, uint64_t pos, char *buf, size_t max);

/* Writes, each run in the group commit (db/writer.h) with its audit entry.
 * All pointers are borrowed and must live until the job is done. */
struct material_new {
	const struct account *who;
	int64_t series_id, topic_id; /* topic_id 0: none */
	const char *title, *filename, *content_type;
	const char *data; /* the content, len bytes */
	size_t len;
	char sha256[65];
	bool is_public;
	int64_t now;
	int64_t id; /* out */
};
/* The row and all its chunks, or nothing.  DB_OK or DB_ERROR. */
int material_insert(struct db *db, void *arg); /* struct material_new */

struct material_change {
	const struct account *who;
	int64_t series_id, id;
	bool is_public; /* material_set_public */
	int64_t now;
};
/* DB_OK, DB_NOTFOUND (not in that series) or DB_ERROR. */
int material_delete(struct db *db, void *arg);     /* struct material_change */
int material_set_public(struct db *db, void *arg); /* struct material_change */

/* sha256 of data as 64 hex digits and a NUL into out. */
void material_sha256(const void *data, size_t len, char out[65]);

#endif
