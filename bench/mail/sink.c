/*
 * sink.c: a minimal SMTP sink for the mail benchmark: accepts every
 * connection and every message, answers 250, throws the data away, counts
 * messages.  A thread per connection; prints "ready PORT" when listening.
 * Not part of ocop.  Usage: sink PORT
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_long messages;

static void say(int fd, const char *s)
{
	if (write(fd, s, strlen(s)) < 0)
		return;
}

static void *serve(void *arg)
{
	int fd = (int)(long)arg;
	char buf[65536], line[1024];
	size_t ll = 0;
	int in_data = 0;
	char tail[5] = {0};

	say(fd, "220 sink ESMTP\r\n");
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			char c = buf[i];
			if (in_data) {
				memmove(tail, tail + 1, 4);
				tail[4] = c;
				if (memcmp(tail, "\r\n.\r\n", 5) == 0) {
					in_data = 0;
					atomic_fetch_add(&messages, 1);
					say(fd, "250 2.0.0 queued\r\n");
				}
				continue;
			}
			if (ll < sizeof(line) - 1)
				line[ll++] = c;
			if (c != '\n')
				continue;
			line[ll] = 0;
			ll = 0;
			if (!strncasecmp(line, "EHLO", 4))
				say(fd, "250-sink\r\n250-8BITMIME\r\n250 SIZE 100000000\r\n");
			else if (!strncasecmp(line, "DATA", 4)) {
				say(fd, "354 go\r\n");
				in_data = 1;
				memset(tail, 0, sizeof(tail));
				tail[3] = '\r';
				tail[4] = '\n';
			} else if (!strncasecmp(line, "QUIT", 4)) {
				say(fd, "221 bye\r\n");
				close(fd);
				return NULL;
			} else
				say(fd, "250 ok\r\n");
		}
	}
	close(fd);
	return NULL;
}

static void *report(void *arg)
{
	(void)arg;
	for (;;) {
		sleep(1);
		FILE *f = fopen("/tmp/ocop-bench-sink.count", "w");
		if (f) {
			fprintf(f, "%ld\n", atomic_load(&messages));
			fclose(f);
		}
	}
	return NULL;
}

int main(int argc, char **argv)
{
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(argc > 1 ? atoi(argv[1]) : 0)};
	socklen_t len = sizeof(a);
	pthread_t t;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&a, sizeof(a)) || listen(s, 128) ||
	    getsockname(s, (struct sockaddr *)&a, &len))
		return perror("sink"), 1;
	printf("ready %d\n", ntohs(a.sin_port));
	fflush(stdout);
	pthread_create(&t, NULL, report, NULL);
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		pthread_create(&t, NULL, serve, (void *)(long)c);
		pthread_detach(t);
	}
}
