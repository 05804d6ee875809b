/*
 * log.h: one line per event on standard error, with a UTC timestamp.
 * log_access() is the request log: method, path, status, microseconds.
 */
#ifndef OCOP_LOG_H
#define OCOP_LOG_H

#include <stdint.h>

void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_access(const char *method, const char *path, unsigned status, uint64_t usec);
/* Turns the access log off (benchmarks measure the server, not the terminal). */
void log_set_access(int on);

#endif
