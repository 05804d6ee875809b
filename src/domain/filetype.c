/*
 * filetype.c: see filetype.h.  The allowed types are the table below:
 * documents, slides, spreadsheets and pictures.  Plain text is not among
 * them on purpose: anything is "text", and a text file named .pdf must not
 * get through as a document.
 *
 * libmagic's handle is not thread-safe, so each thread opens its own on
 * first use (a pthread key closes it when the thread ends).  The key is
 * created once (pthread_once) and never changes afterwards.
 *
 * Office Open XML files are zip archives.  libmagic (5.44, Debian 12)
 * names them by their first entries; a file written by a tool that orders
 * entries differently comes out as application/zip, and is accepted here
 * when the archive holds both [Content_Types].xml and the main part of a
 * document, presentation or workbook.
 */
#include "domain/filetype.h"
#include "core/arena.h"
#include "core/filename.h"
#include "core/log.h"

#include <magic.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#define OOXML "application/vnd.openxmlformats-officedocument."

static const struct filetype filetypes[] = {
    {"application/pdf", "pdf", "PDF", true},
    {"application/vnd.ms-powerpoint", "ppt pps", "PowerPoint", false},
    {OOXML "presentationml.presentation", "pptx", "PowerPoint", false},
    {OOXML "presentationml.slideshow", "ppsx", "PowerPoint", false},
    {"application/msword", "doc", "Word", false},
    {OOXML "wordprocessingml.document", "docx", "Word", false},
    {"application/vnd.ms-excel", "xls", "Excel", false},
    {OOXML "spreadsheetml.sheet", "xlsx", "Excel", false},
    {"application/vnd.oasis.opendocument.presentation", "odp", "OpenDocument", false},
    {"application/vnd.oasis.opendocument.text", "odt", "OpenDocument", false},
    {"application/vnd.oasis.opendocument.spreadsheet", "ods", "OpenDocument", false},
    {"image/png", "png", "PNG", true},
    {"image/jpeg", "jpg jpeg", "JPEG", true},
};

/* The main part of each OOXML kind, for zips libmagic did not name. */
static const struct {
	const char *part, *mime;
} ooxml_parts[] = {
    {"word/document.xml", OOXML "wordprocessingml.document"},
    {"ppt/presentation.xml", OOXML "presentationml.presentation"},
    {"xl/workbook.xml", OOXML "spreadsheetml.sheet"},
};

static pthread_once_t filetype_once = PTHREAD_ONCE_INIT;
static pthread_key_t filetype_key;

static void filetype_close(void *m)
{
	magic_close(m);
}

static void filetype_init(void)
{
	pthread_key_create(&filetype_key, filetype_close);
}

static magic_t filetype_magic(void)
{
	magic_t m;

	pthread_once(&filetype_once, filetype_init);
	m = pthread_getspecific(filetype_key);
	if (m)
		return m;
	/* No decompression: a compressed file is judged as what it is. */
	m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
	if (!m)
		return NULL;
	if (magic_load(m, NULL) != 0) {
		log_error("cannot load the libmagic database: %s", magic_error(m));
		magic_close(m);
		return NULL;
	}
	pthread_setspecific(filetype_key, m);
	return m;
}

static const char *filetype_ooxml(const char *data, size_t len)
{
	if (len < 4 || memcmp(data, "PK\3\4", 4) != 0 ||
	    !memmem(data, len, "[Content_Types].xml", 19))
		return NULL;
	for (size_t i = 0; i < sizeof(ooxml_parts) / sizeof(ooxml_parts[0]); i++)
		if (memmem(data, len, ooxml_parts[i].part, strlen(ooxml_parts[i].part)))
			return ooxml_parts[i].mime;
	return NULL;
}

const struct filetype *filetype_sniff(const void *data, size_t len, const char **sniffed)
{
	magic_t m = filetype_magic();
	const char *mime;

	if (sniffed)
		*sniffed = "empty";
	if (!m || len == 0)
		return NULL;
	mime = magic_buffer(m, data, len);
	if (!mime) {
		log_error("libmagic: %s", magic_error(m));
		return NULL;
	}
	if (sniffed)
		*sniffed = mime;
	if (strcmp(mime, "application/zip") == 0 || strcmp(mime, "application/octet-stream") == 0) {
		const char *o = filetype_ooxml(data, len);
		mime = o ? o : mime;
	}
	return filetype_find(mime);
}

const struct filetype *filetype_find(const char *mime)
{
	for (size_t i = 0; i < sizeof(filetypes) / sizeof(filetypes[0]); i++)
		if (strcmp(filetypes[i].mime, mime) == 0)
			return &filetypes[i];
	return NULL;
}

const char *filetype_labels(void)
{
	return "PDF, PowerPoint, Word, Excel, OpenDocument, PNG, JPEG";
}

/* Whether ext (any case) is one of the space-separated words of exts. */
static bool filetype_has_ext(const char *exts, const char *ext)
{
	size_t n = strlen(ext);

	for (const char *p = exts; n && *p;) {
		size_t w = strcspn(p, " ");
		if (w == n && strncasecmp(p, ext, n) == 0)
			return true;
		p += w;
		while (*p == ' ')
			p++;
	}
	return false;
}

char *filetype_name(struct arena *a, const struct filetype *t, const char *name)
{
	size_t clen = strcspn(t->exts, " ");

	if (!name)
		return arena_printf(a, "tai-lieu.%.*s", (int)clen, t->exts);
	if (filetype_has_ext(t->exts, filename_ext(name)))
		return arena_strdup(a, name);
	return arena_printf(a, "%s.%.*s", name, (int)clen, t->exts);
}
