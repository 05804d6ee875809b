/*
 * ceiling.c: the "bare" reference server for bench/register.
 *
 * The same libmicrohttpd settings as ocop's server (epoll, internal polling
 * thread, thread pool, suspend/resume, 4000 connections, 64 KB per
 * connection), with nothing of the application on top:
 *
 *   GET  (any path)  a fixed 2 KB text/html page, keep-alive
 *   POST (any path)  reads the body, inserts it as one row into SQLite
 *                    (WAL, synchronous=FULL) through one group-commit
 *                    thread, and answers 201 once the row is committed:
 *                    the same durability contract as ocop's registrations,
 *                    without JSON parsing, validation or rendering.
 *
 * usage: ceiling PORT THREADS [DB]    (no DB: POST answers 404)
 * Runs until SIGINT/SIGTERM.  Built by bench/register/run into out/.
 */
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PAGE_SIZE 2048
#define MAX_BODY 4096
#define MAX_BATCH 1024

static struct MHD_Response *page;

enum phase { P_NEW, P_WAITING, P_RESUMED };

struct job {
	struct MHD_Connection *c;
	struct job *next;
	enum phase phase;
	int rc;
	size_t len;
	char body[MAX_BODY];
};

static struct {
	sqlite3 *db;
	sqlite3_stmt *ins;
	pthread_mutex_t lock;
	pthread_cond_t more;
	struct job *head, *tail;
	bool stopping;
} w = {.lock = PTHREAD_MUTEX_INITIALIZER, .more = PTHREAD_COND_INITIALIZER};

static void *writer_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&w.lock);
	for (;;) {
		while (!w.head && !w.stopping)
			pthread_cond_wait(&w.more, &w.lock);
		if (!w.head)
			break;
		struct job *jobs = w.head, *last = jobs;
		for (int n = 1; last->next && n < MAX_BATCH; n++)
			last = last->next;
		w.head = last->next;
		if (!w.head)
			w.tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&w.lock);

		bool ok = sqlite3_exec(w.db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
		for (struct job *j = jobs; j; j = j->next) {
			sqlite3_bind_text(w.ins, 1, j->body, (int)j->len, SQLITE_STATIC);
			j->rc = ok ? sqlite3_step(w.ins) : SQLITE_ERROR;
			sqlite3_reset(w.ins);
		}
		sqlite3_clear_bindings(w.ins);
		if (!ok || sqlite3_exec(w.db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
			sqlite3_exec(w.db, "ROLLBACK", NULL, NULL, NULL);
			for (struct job *j = jobs; j; j = j->next)
				j->rc = SQLITE_ERROR;
		}
		for (struct job *j = jobs, *next; j; j = next) {
			next = j->next;
			j->phase = P_RESUMED;
			MHD_resume_connection(j->c);
		}
		pthread_mutex_lock(&w.lock);
	}
	pthread_mutex_unlock(&w.lock);
	return NULL;
}

static enum MHD_Result reply(struct MHD_Connection *c, unsigned status, const char *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body), (void *)body,
								 MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(r, "Content-Type", "application/json");
	enum MHD_Result ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version,
				  const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)cls;
	(void)url;
	(void)version;
	bool post = strcmp(method, "POST") == 0;

	if (!*con_cls) { /* first call: answer nothing yet (keep-alive trap) */
		*con_cls = post ? calloc(1, sizeof(struct job)) : (void *)page;
		return *con_cls ? MHD_YES : MHD_NO;
	}
	if (!post)
		return MHD_queue_response(c, MHD_HTTP_OK, page);

	struct job *j = *con_cls;
	if (j->phase == P_WAITING)
		return MHD_YES;
	if (j->phase == P_RESUMED)
		return j->rc == SQLITE_DONE ? reply(c, 201, "{\"ok\":true}\n")
					    : reply(c, 409, "{\"ok\":false}\n");
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		if (n > MAX_BODY - j->len)
			n = MAX_BODY - j->len;
		memcpy(j->body + j->len, upload_data, n);
		j->len += n;
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (!w.db)
		return reply(c, 404, "{}\n");
	j->c = c;
	j->phase = P_WAITING;
	j->next = NULL;
	MHD_suspend_connection(c);
	pthread_mutex_lock(&w.lock);
	if (w.tail)
		w.tail->next = j;
	else
		w.head = j;
	w.tail = j;
	pthread_cond_signal(&w.more);
	pthread_mutex_unlock(&w.lock);
	return MHD_YES;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	(void)cls;
	(void)c;
	(void)toe;
	if (*con_cls && *con_cls != (void *)page)
		free(*con_cls);
	*con_cls = NULL;
}

static int open_db(const char *path)
{
	if (sqlite3_open(path, &w.db) != SQLITE_OK ||
	    sqlite3_exec(w.db,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
			 "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, "
			 "body TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL DEFAULT "
			 "(unixepoch()))",
			 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(w.db, "INSERT INTO rows (body) VALUES (?)", -1, &w.ins, NULL) !=
		    SQLITE_OK) {
		fprintf(stderr, "ceiling: %s: %s\n", path, sqlite3_errmsg(w.db));
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static char html[PAGE_SIZE + 1];
	pthread_t writer;
	sigset_t set;
	int sig;

	if (argc < 3) {
		fprintf(stderr, "usage: ceiling PORT THREADS [DB]\n");
		return 2;
	}
	/* A 2 KB HTML page: header, then filler paragraphs, then the end tag. */
	size_t n = (size_t)snprintf(html, sizeof(html),
				    "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">"
				    "<title>ceiling</title></head><body>\n");
	while (n < PAGE_SIZE - 40)
		n += (size_t)snprintf(html + n, sizeof(html) - n, "<p>%s</p>\n",
				      "Lorem ipsum dolor sit amet, OCOP 2021.");
	n += (size_t)snprintf(html + n, sizeof(html) - n, "</body></html>\n");
	while (n < PAGE_SIZE)
		html[n++] = '\n';
	page = MHD_create_response_from_buffer(PAGE_SIZE, html, MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(page, "Content-Type", "text/html; charset=utf-8");

	if (argc > 3) {
		if (open_db(argv[3]) != 0)
			return 1;
		pthread_create(&writer, NULL, writer_main, NULL);
	}

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* inherited by MHD's threads */

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_EPOLL | MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME |
			MHD_USE_ERROR_LOG,
		(uint16_t)atoi(argv[1]), NULL, NULL, on_request, NULL,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)atoi(argv[2]), MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)4000, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "ceiling: cannot listen on port %s\n", argv[1]);
		return 1;
	}
	sigwait(&set, &sig);
	MHD_quiesce_daemon(d);
	usleep(200000); /* let suspended requests get their commit */
	MHD_stop_daemon(d);
	if (w.db) {
		pthread_mutex_lock(&w.lock);
		w.stopping = true;
		pthread_cond_signal(&w.more);
		pthread_mutex_unlock(&w.lock);
		pthread_join(writer, NULL);
		sqlite3_finalize(w.ins);
		sqlite3_close(w.db);
	}
	return 0;
}
