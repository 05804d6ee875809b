/*
 * bg.c: see bg.h.  A count of running tasks under a mutex; the last task
 * to end wakes bg_stop.
 */
#include "core/bg.h"
#include "core/arena.h"

#include <pthread.h>
#include <stdlib.h>

struct bg {
	pthread_mutex_t lock;
	pthread_cond_t idle;
	int running;
	bool stopping;
};

struct bg_task {
	struct bg *bg;
	void (*fn)(void *arg);
	void *arg;
};

struct bg *bg_new(void)
{
	struct bg *bg = xcalloc(1, sizeof(*bg));

	pthread_mutex_init(&bg->lock, NULL);
	pthread_cond_init(&bg->idle, NULL);
	return bg;
}

static void *bg_main(void *p)
{
	struct bg_task *t = p;
	struct bg *bg = t->bg;

	t->fn(t->arg);
	free(t);
	pthread_mutex_lock(&bg->lock);
	if (--bg->running == 0)
		pthread_cond_broadcast(&bg->idle);
	pthread_mutex_unlock(&bg->lock);
	return NULL;
}

int bg_start(struct bg *bg, void (*fn)(void *arg), void *arg)
{
	struct bg_task *t = xcalloc(1, sizeof(*t));
	pthread_attr_t attr;
	pthread_t th;
	int rc = -1;

	t->bg = bg;
	t->fn = fn;
	t->arg = arg;
	pthread_mutex_lock(&bg->lock);
	if (!bg->stopping) {
		pthread_attr_init(&attr);
		pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
		if (pthread_create(&th, &attr, bg_main, t) == 0) {
			bg->running++;
			rc = 0;
		}
		pthread_attr_destroy(&attr);
	}
	pthread_mutex_unlock(&bg->lock);
	if (rc != 0)
		free(t);
	return rc;
}

bool bg_stopping(struct bg *bg)
{
	pthread_mutex_lock(&bg->lock);
	bool s = bg->stopping;
	pthread_mutex_unlock(&bg->lock);
	return s;
}

void bg_stop(struct bg *bg)
{
	if (!bg)
		return;
	pthread_mutex_lock(&bg->lock);
	bg->stopping = true;
	while (bg->running > 0)
		pthread_cond_wait(&bg->idle, &bg->lock);
	pthread_mutex_unlock(&bg->lock);
	pthread_mutex_destroy(&bg->lock);
	pthread_cond_destroy(&bg->idle);
	free(bg);
}
