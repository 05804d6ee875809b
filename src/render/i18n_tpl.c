/*
 * i18n_tpl.c: see i18n_tpl.h.
 */
#include "render/i18n_tpl.h"
#include "core/buf.h"
#include "core/i18n.h"

#include <string.h>

int i18n_tpl_expand(const char *src, size_t len, struct buf *out)
{
	const char *p = src, *end = src + len;

	while (p < end) {
		const char *mark = memmem(p, (size_t)(end - p), "{{_ ", 4);
		if (!mark) {
			buf_add(out, p, (size_t)(end - p));
			break;
		}
		buf_add(out, p, (size_t)(mark - p));
		const char *text = mark + 4;
		const char *close = memmem(text, (size_t)(end - text), "}}", 2);
		if (!close)
			return -1;
		char msgid[512];
		size_t n = (size_t)(close - text);
		if (n >= sizeof(msgid))
			return -1;
		memcpy(msgid, text, n);
		msgid[n] = 0;
		buf_adds(out, _(msgid));
		p = close + 2;
	}
	return 0;
}
