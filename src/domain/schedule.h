/*
 * schedule.h: a series' sessions and topics as the console changes them.
 * Every write is a group-commit job that writes its audit entry (before
 * and after) in the same savepoint; a job returning anything but DB_OK
 * changes nothing.  Rows are always checked against their series, so an
 * id from another series is DB_NOTFOUND.
 */
#ifndef OCOP_SCHEDULE_H
#define OCOP_SCHEDULE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct db;
struct account;

struct session_input {
	int64_t series_id, id; /* id 0: create */
	const char *title, *zoom_url, *facebook_url, *youtube_url;
	int64_t starts_at, ends_at;
	const struct account *who;
	int64_t now;
};
/* Creates or updates a session, then moves the series' first and last day
 * to its sessions'.  DB_OK, DB_NOTFOUND, DB_ERROR. */
int schedule_session_save(struct db *db, void *session_input);

struct schedule_delete {
	int64_t series_id, id;
	bool confirm; /* sessions: unassign the topics */
	const struct account *who;
	int64_t now;
	int64_t topics; /* out: topics in the session */
};
/* Deletes a session.  Without confirm, a session with topics is not
 * deleted: the job tries the whole delete and rolls it back, answering
 * DB_CONFLICT (confirm to go on: its topics become unassigned) or
 * DB_REFERENCED (other rows still point at the session, such as
 * attendance: it cannot be deleted until they go).  With confirm, the
 * topics are unassigned and the session deleted, or DB_REFERENCED and
 * nothing changed.  DB_NOTFOUND, DB_ERROR. */
int schedule_session_delete(struct db *db, void *schedule_delete);

struct topic_input {
	int64_t series_id, id; /* id 0: create, at the end of the order */
	int64_t session_id;    /* 0: not assigned */
	const char *title, *speaker, *speaker_org;
	const struct account *who;
	int64_t now;
};
/* DB_OK, DB_NOTFOUND (topic, or session not in the series), DB_ERROR. */
int schedule_topic_save(struct db *db, void *topic_input);
/* Deletes a topic and closes the gap in the order.  DB_REFERENCED when
 * other rows (materials, ...) still point at it: nothing changed. */
int schedule_topic_delete(struct db *db, void *schedule_delete);

struct topic_move {
	int64_t series_id, id;
	int dir; /* -1 up, +1 down */
	const struct account *who;
	int64_t now;
};
/* Swaps the topic with its neighbour; DB_OK also when already at the end. */
int schedule_topic_move(struct db *db, void *topic_move);

/* One session or topic as JSON (caller owns), or NULL.  Session: {id,
 * series_id, position, title, starts_at, ends_at, zoom_url, facebook_url,
 * youtube_url}; topic: {id, series_id, session_id (null if none), position,
 * title, speaker, speaker_org}. */
json_t *schedule_session_load(struct db *db, int64_t series_id, int64_t id);
json_t *schedule_topic_load(struct db *db, int64_t series_id, int64_t id);
/* Every topic of the series in order, assigned or not. */
json_t *schedule_topics_load(struct db *db, int64_t series_id);

#endif
