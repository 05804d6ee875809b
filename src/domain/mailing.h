/*
 * mailing.h: mass mailings of a series (the materials, an announcement to a
 * chosen group): who receives them, and the write that creates the mailing
 * with all its messages in one transaction.
 */
#ifndef OCOP_MAILING_H
#define OCOP_MAILING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct db;
struct outbox_msg;

struct mailing_filter {
	const char *province_code; /* "" or NULL: all */
	const char *category;      /* "" or NULL: all */
	int64_t attended_session;  /* 0: all; else only those who attended it */
	bool announcement;         /* leaves out those who opted out */
	bool certified;            /* only those with a valid certificate */
};

struct mailing_recipient {
	int64_t id;
	char token[32];
	char full_name[128];
	char email[256];
};

/* The active registrants matching f, in registration order, into a new
 * array (caller frees); *n gets the count.  NULL on error. */
struct mailing_recipient *mailing_recipients(struct db *db, int64_t series_id,
					     const struct mailing_filter *f, size_t *n);

struct mailing_job {
	int64_t series_id, now;
	const char *kind, *subject, *filter_json, *created_by, *host;
	struct outbox_msg *msgs; /* n messages, mailing_id filled here */
	size_t n;
	int64_t mailing_id; /* out */
};
/* The write: the mailing row, then every message (group commit). */
int mailing_create(struct db *db, void *job);
/* The mailings of a series, newest first, each with its progress. */
json_t *mailing_list(struct db *db, int64_t series_id);
/* The mailing belongs to the series? */
bool mailing_in_series(struct db *db, int64_t mailing_id, int64_t series_id);

#endif
