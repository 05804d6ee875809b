/*
 * bg.h: background tasks (a large import) that outlive the request that
 * started them.  Each runs on its own detached thread; bg_stop asks them
 * to finish (bg_stopping turns true: a task checks it between steps) and
 * waits until they have, so the server stops them before the writer they
 * write through.
 */
#ifndef OCOP_BG_H
#define OCOP_BG_H

#include <stdbool.h>

struct bg;

struct bg *bg_new(void);
/* Starts fn(arg) on a new thread.  0, or -1 when stopping or when the
 * thread cannot start (fn is not called; arg stays the caller's). */
int bg_start(struct bg *bg, void (*fn)(void *arg), void *arg);
bool bg_stopping(struct bg *bg);
/* Sets stopping, waits for every task, frees bg. */
void bg_stop(struct bg *bg);

#endif
