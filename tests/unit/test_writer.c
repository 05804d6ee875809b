/* test_writer.c: the group-commit thread (src/db/writer.c) on SQLite, with
 * failures injected: a job without a savepoint ("unguarded") that fails
 * takes its whole batch down, so nothing it half did is committed; one
 * that refuses without writing leaves the others alone; the before-commit
 * hook runs once per batch, inside it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/db.h"
#include "db/writer.h"

static char dir[] = "/tmp/ocop-test-writer.XXXXXX";
static char path[256];

/* The first job holds the thread until released, so that the jobs queued
 * meanwhile make one batch together. */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static bool gate_open, gate_entered;
static int done_count, hook_runs;

static int insert(struct db *db, const char *v)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO t (v) VALUES ($1)");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, v);
	return db_run(st);
}

static int job_gate(struct db *db, void *arg)
{
	(void)arg;
	pthread_mutex_lock(&gate_lock);
	gate_entered = true;
	pthread_cond_broadcast(&gate_cond);
	while (!gate_open)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	return insert(db, "gate");
}

static int job_ok(struct db *db, void *arg)
{
	return insert(db, arg);
}

/* Writes, then fails: the row must not survive. */
static int job_half(struct db *db, void *arg)
{
	assert_int_equal(insert(db, arg), DB_OK);
	return DB_ERROR;
}

/* Refuses without writing anything. */
static int job_refuse(struct db *db, void *arg)
{
	(void)db;
	(void)arg;
	return DB_CONFLICT;
}

static int hook(struct db *db)
{
	hook_runs++;
	return insert(db, "hook");
}

static void on_done(struct dbw_job *job)
{
	(void)job;
	pthread_mutex_lock(&gate_lock);
	done_count++;
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_lock);
}

static void run_batch(struct dbw *w, struct dbw_job *jobs, int n)
{
	struct dbw_job gate = {.fn = job_gate, .done = on_done};

	gate_open = gate_entered = false;
	done_count = 0;
	dbw_submit(w, &gate);
	pthread_mutex_lock(&gate_lock);
	while (!gate_entered)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
	for (int i = 0; i < n; i++) {
		jobs[i].done = on_done;
		dbw_submit(w, &jobs[i]);
	}
	pthread_mutex_lock(&gate_lock);
	gate_open = true;
	pthread_cond_broadcast(&gate_cond);
	while (done_count < n + 1)
		pthread_cond_wait(&gate_cond, &gate_lock);
	pthread_mutex_unlock(&gate_lock);
}

static char *rows(struct db *db)
{
	static char out[512];
	struct db_stmt *st = db_prepare(db, "SELECT group_concat(v, ',') FROM (SELECT v FROM t "
					    "ORDER BY id)");

	out[0] = 0;
	if (st && db_step(st) == DB_ROW)
		snprintf(out, sizeof(out), "%s", db_col_text(st, 0));
	db_done(st);
	return out;
}

static void test_unguarded(void **state)
{
	(void)state;
	char err[256];
	struct db *db;
	struct dbw *w;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/w.db", dir);
	assert_int_equal(db_open(path, &db, err, sizeof(err)), 0);
	assert_int_equal(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"), DB_OK);
	w = dbw_start(path, err, sizeof(err));
	assert_non_null(w);
	dbw_before_commit(w, hook);

	/* A refusal without writes, unguarded, leaves its neighbours be. */
	struct dbw_job a[3] = {
		{.fn = job_ok, .arg = "a1"},
		{.fn = job_refuse, .unguarded = true},
		{.fn = job_ok, .arg = "a3", .unguarded = true},
	};
	run_batch(w, a, 3);
	assert_int_equal(a[0].rc, DB_OK);
	assert_int_equal(a[1].rc, DB_CONFLICT);
	assert_int_equal(a[2].rc, DB_OK);
	assert_string_equal(rows(db), "gate,hook,a1,a3,hook");
	assert_int_equal(hook_runs, 2);

	/* A failure after a write, unguarded: the whole batch fails, its row
	 * and its neighbours' are not committed, and they are told. */
	struct dbw_job b[3] = {
		{.fn = job_ok, .arg = "b1"},
		{.fn = job_half, .arg = "b2", .unguarded = true},
		{.fn = job_ok, .arg = "b3"},
	};
	run_batch(w, b, 3);
	assert_int_equal(b[0].rc, DB_ERROR);
	assert_int_equal(b[1].rc, DB_ERROR);
	assert_int_equal(b[2].rc, DB_ERROR);
	assert_string_equal(rows(db), "gate,hook,a1,a3,hook,gate,hook");

	/* The same failure in a guarded job is undone alone. */
	struct dbw_job c[3] = {
		{.fn = job_ok, .arg = "c1"},
		{.fn = job_half, .arg = "c2"},
		{.fn = job_ok, .arg = "c3", .unguarded = true},
	};
	run_batch(w, c, 3);
	assert_int_equal(c[0].rc, DB_OK);
	assert_int_equal(c[1].rc, DB_ERROR);
	assert_int_equal(c[2].rc, DB_OK);
	assert_string_equal(rows(db), "gate,hook,a1,a3,hook,gate,hook,gate,hook,c1,c3,hook");

	dbw_stop(w);
	db_close(db);
	char cmd[300];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unguarded),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
