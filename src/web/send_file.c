/*
 * send_file.c: see send_file.h.
 */
#include "web/send_file.h"
#include "core/i18n.h"
#include "http/req.h"

#include <sys/stat.h>
#include <unistd.h>

static ssize_t send_file_read(void *arg, struct db *db, uint64_t pos, char *buf, size_t max)
{
	(void)db;
	return pread(fileno((FILE *)arg), buf, max, (off_t)pos);
}

static void send_file_close(void *arg)
{
	fclose(arg);
}

void send_file(struct req *r, FILE *f, const char *content_type, const char *filename)
{
	struct stat sb;

	if (fflush(f) != 0 || fstat(fileno(f), &sb) != 0) {
		fclose(f);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	r->content_type = arena_strdup(&r->arena, content_type);
	req_content_disposition(r, true, arena_strdup(&r->arena, filename));
	req_stream(r, 200, (uint64_t)sb.st_size, send_file_read, f, send_file_close);
}
