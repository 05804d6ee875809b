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

/* Serves on app->listen_fd.  Returns NULL with err filled. */
struct server *server_start(struct app *app, char *err, size_t errlen);
/* Stops accepting, finishes the requests in flight, frees. */
void server_stop(struct server *s);
struct sockaddr_in;
/* Parses HOST:PORT (IPv4 or localhost).  0, or -1 with err filled. */
int server_parse_listen(const char *listen, struct sockaddr_in *sa, char *err, size_t errlen);
/* Binds and listens on HOST:PORT; returns the socket and the port bound
 * (useful with port 0); -2 for a malformed address, -1 when the address
 * cannot be bound, with err filled. */
int server_listen(const char *addr, unsigned *port, char *err, size_t errlen);

#endif
