/*
 * server.h: the HTTP server (libmicrohttpd glue).  Starts the daemon with
 * an epoll thread pool, reads requests with limits, routes, runs the central
 * checks, calls handlers, queues responses, logs one line per request.
 */
#ifndef OCOP_SERVER_H
#define OCOP_SERVER_H

#include <stddef.h>

struct app;
struct server;

#define HTTP_MAX_BODY (64u * 1024)      /* forms and JSON */
#define HTTP_MAX_URL 2048

/* Returns NULL with err filled. */
struct server *server_start(struct app *app, char *err, size_t errlen);
/* Stops accepting, finishes the requests in flight, frees. */
void server_stop(struct server *s);
/* The port actually bound (useful with port 0). */
unsigned server_port(struct server *s);

#endif
