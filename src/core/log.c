/*
 * log.c: standard-error logging.  Each line is formatted into a local buffer
 * and written with one write(2) so lines from several threads never mix.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int log_access_on = 1;

void log_set_access(int on)
{
	atomic_store(&log_access_on, on);
}

static void log_line(const char *level, const char *fmt, va_list ap)
{
	char line[1024];
	struct timespec ts;
	struct tm tm;
	size_t n;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	n += (size_t)snprintf(line + n, sizeof(line) - n, "%s", level);
	int m = vsnprintf(line + n, sizeof(line) - n - 1, fmt, ap);
	if (m < 0)
		m = 0;
	n += (size_t)m;
	if (n > sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(STDERR_FILENO, line, n) < 0)
		return;
}

void log_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("error: ", fmt, ap);
	va_end(ap);
}

void log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("", fmt, ap);
	va_end(ap);
}

static void log_access_line(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_line("", fmt, ap);
	va_end(ap);
}

void log_access(const char *method, const char *path, unsigned status, uint64_t usec)
{
	if (!atomic_load(&log_access_on))
		return;
	/* Personal tokens and certificate verification codes are cut to 6
	 * characters so that the log does not hand out personal links. */
	static const char *const secret[] = {"/me/", "/api/v1/me/", "/verify/",
					     "/api/v1/certificates/"};
	char safe[200];

	for (size_t i = 0; i < sizeof(secret) / sizeof(*secret); i++) {
		size_t plen = strlen(secret[i]);
		if (strncmp(path, secret[i], plen) != 0)
			continue;
		const char *tok = path + plen, *end = strchr(tok, '/');
		size_t len = end ? (size_t)(end - tok) : strlen(tok);

		if (len > 6) {
			snprintf(safe, sizeof(safe), "%s%.6s...%.150s", secret[i], tok,
				 end ? end : "");
			path = safe;
		}
		break;
	}
	log_access_line("%s %.300s %u %lluus", method, path, status, (unsigned long long)usec);
}
