/*
 * smtp.c: one message out over SMTP through a kept libcurl easy handle (see
 * smtp.h).  Three jobs: write the headers (RFC 5322 Date, RFC 2047 words for
 * anything not plain ASCII), build the MIME tree with curl_mime (attachment
 * bytes are read in place by a callback, never duplicated), and classify
 * the outcome so the outbox knows whether to retry.
 *
 * The classification needs two facts curl does not return directly: the
 * server's reply text and whether the DATA body went out.  A debug callback
 * watches the reply lines (and the 354 that opens DATA) and the outgoing
 * body, up to its closing MIME boundary (curl does not know the size of a
 * MIME upload, so counting bytes cannot tell).  A failure after the whole
 * body went out may still have been delivered, so it is SMTP_UNKNOWN, and
 * the outbox decides; a failure before that is a plain SMTP_TEMPFAIL.
 *
 * No SQL, no logging, no globals: a client belongs to one thread.
 */
#include "mail/smtp.h"
#include "core/arena.h"
#include "core/buf.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SMTP_WORD_RAW   39 /* bytes per encoded-word: 52 base64 chars, 64 with =?UTF-8?B?...?= */
#define SMTP_HEADER_MAX (16u << 10)
#define SMTP_REPLY_MAX  256
#define SMTP_DELIM_MAX  96 /* "--" + a boundary (RFC 2046: at most 70) + "--\r\n" */

struct smtp_client {
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	/* Reset by each smtp_send(), filled by debug_cb(). */
	char last_reply[SMTP_REPLY_MAX]; /* the last reply line */
	char fail_reply[SMTP_REPLY_MAX]; /* the last 4xx/5xx reply line */
	bool data_open;                  /* the server answered 354 to DATA */
	bool body_started;               /* some of the body went out */
	char delim[SMTP_DELIM_MAX];      /* "--BOUNDARY--\r\n", the body's last line */
	size_t delim_len;                /* 0 when the boundary was not seen */
	char tail[SMTP_DELIM_MAX];       /* the last delim_len bytes uploaded */
};

/*
 * A borrowed attachment being read by curl as base64, one 76-character line
 * at a time (RFC 2045); the source bytes are never copied.
 */
struct att_cursor {
	const unsigned char *p;
	size_t len, src; /* src: the next source byte to encode */
	char line[80];   /* the current encoded line, with CRLF */
	size_t line_len, line_pos;
};

#define ATT_LINE_SRC 57 /* source bytes per line: 76 base64 characters */

/* ---- header values ---- */

/* Length of the valid UTF-8 sequence at s (n > 0 bytes left), 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n)
{
	unsigned cp, min;
	size_t len;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2, cp = s[0] & 0x1f, min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		len = 3, cp = s[0] & 0x0f, min = 0x800;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4, cp = s[0] & 0x07, min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/*
 * Reads one character from s (n > 0 bytes left) into out (4 bytes), made
 * safe for a header: invalid UTF-8 becomes U+FFFD, a control character ctl.
 * Returns the bytes consumed; *out_len gets the bytes written.
 */
static size_t utf8_clean_char(const char *s, size_t n, char ctl, char *out, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t len = utf8_seq_len(u, n);

	if (len == 0) {
		memcpy(out, "\xef\xbf\xbd", 3);
		*out_len = 3;
		return 1;
	}
	memcpy(out, s, len);
	if (len == 1 && (u[0] < 0x20 || u[0] == 0x7f))
		out[0] = ctl;
	*out_len = len;
	return len;
}

static bool is_plain_ascii(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return false;
	return strstr(s, "=?") == NULL;
}

/* Writes the base64 of p[0..n) to out (4 * ceil(n / 3) bytes); returns that. */
static size_t base64_encode(char *out, const unsigned char *p, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	char *q = out;

	for (size_t i = 0; i < n; i += 3, q += 4) {
		unsigned v = (unsigned)p[i] << 16;

		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		q[0] = b64[v >> 18 & 63];
		q[1] = b64[v >> 12 & 63];
		q[2] = i + 1 < n ? b64[v >> 6 & 63] : '=';
		q[3] = i + 2 < n ? b64[v & 63] : '=';
	}
	return (size_t)(q - out);
}

static void add_word(struct buf *out, const char *raw, size_t n, bool first)
{
	char b64[(SMTP_WORD_RAW + 2) / 3 * 4];

	if (!first)
		buf_adds(out, "\r\n ");
	buf_adds(out, "=?UTF-8?B?");
	buf_add(out, b64, base64_encode(b64, (const unsigned char *)raw, n));
	buf_adds(out, "?=");
}

void smtp_encode_header(struct buf *out, const char *utf8)
{
	char word[SMTP_WORD_RAW];
	size_t word_len = 0, after_space = 0, n = strlen(utf8);
	bool first = true;

	if (is_plain_ascii(utf8)) {
		buf_add(out, utf8, n);
		return;
	}
	for (size_t i = 0; i < n;) {
		char ch[4];
		size_t ch_len;

		i += utf8_clean_char(utf8 + i, n - i, ' ', ch, &ch_len);
		/*
		 * Words end after a space when one is in the second half: some
		 * decoders (Python 3.11's address parser) wrongly put a space
		 * between words, and "Sao  Mai" reads better than "Sao M ai".
		 */
		while (word_len + ch_len > sizeof(word)) {
			size_t cut = after_space > sizeof(word) / 2 ? after_space : word_len;

			add_word(out, word, cut, first);
			first = false;
			memmove(word, word + cut, word_len - cut);
			word_len -= cut;
			after_space = 0;
		}
		memcpy(word + word_len, ch, ch_len);
		word_len += ch_len;
		if (ch[0] == ' ')
			after_space = word_len;
	}
	add_word(out, word, word_len, first);
}

/* "Name" <addr>, with the name as atoms, a quoted-string or encoded-words. */
static void add_mailbox(struct buf *b, const char *name, const char *addr)
{
	if (!name || !*name) {
		buf_adds(b, addr);
		return;
	}
	if (!is_plain_ascii(name)) {
		smtp_encode_header(b, name);
	} else if (strpbrk(name, "()<>[]:;@\\,.\"")) {
		buf_addc(b, '"');
		for (const char *p = name; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_addc(b, '\\');
			buf_addc(b, *p);
		}
		buf_addc(b, '"');
	} else {
		buf_adds(b, name);
	}
	buf_addf(b, " <%s>", addr);
}

/* RFC 5322 date in UTC, built by hand: strftime's names follow the locale. */
static void add_date(struct buf *b, time_t t)
{
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;

	gmtime_r(&t, &tm);
	buf_addf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
	         months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* ---- validation: what goes into an envelope or a raw header ---- */

/* Printable ASCII with no space, '<' or '>' (and so no CR/LF). */
static bool is_raw_token(const char *s)
{
	if (!s || !*s)
		return false;
	for (const char *p = s; *p; p++)
		if (*p <= 0x20 || *p > 0x7e || *p == '<' || *p == '>')
			return false;
	return true;
}

/* An envelope address: a raw token with an '@', at most 254 bytes (RFC 5321). */
static bool is_addr(const char *s)
{
	return is_raw_token(s) && strchr(s, '@') && strlen(s) <= 254;
}

static bool is_message_id(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	char inner[SMTP_REPLY_MAX];

	if (n < 5 || n >= sizeof(inner) || s[0] != '<' || s[n - 1] != '>')
		return false;
	memcpy(inner, s + 1, n - 2);
	inner[n - 2] = 0;
	return is_addr(inner);
}

/* A Content-Type value: printable ASCII, spaces allowed, no CR/LF. */
static bool is_header_value(const char *s)
{
	for (const char *p = s; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return false;
	return *s != 0;
}

static const char *message_problem(const struct mail_message *m)
{
	if (!is_addr(m->from_addr))
		return "invalid sender address";
	if (!is_addr(m->to_addr))
		return "invalid recipient address";
	if (!is_message_id(m->message_id))
		return "invalid message-id";
	if (m->list_unsubscribe && !is_raw_token(m->list_unsubscribe))
		return "invalid list-unsubscribe url";
	if (!m->text)
		return "message has no text";
	for (size_t i = 0; i < m->n_att; i++) {
		const struct mail_attachment *a = &m->att[i];

		if (!a->filename || (a->len && !a->data))
			return "invalid attachment";
		if (a->content_type && !is_header_value(a->content_type))
			return "invalid attachment content type";
	}
	return NULL;
}

/* ---- MIME ---- */

/* Appends b as one header line and empties it; a line over the cap fails all. */
static void push_header(struct curl_slist **list, struct buf *b, bool *ok)
{
	struct curl_slist *l = b->overflow ? NULL : curl_slist_append(*list, b->p);

	if (l)
		*list = l;
	else
		*ok = false;
	buf_reset(b);
}

/* Top-level headers; curl adds Content-Type with the boundary. */
static struct curl_slist *build_headers(const struct mail_message *m, time_t now)
{
	struct curl_slist *list = NULL;
	struct buf b;
	bool ok = true;

	buf_init(&b, SMTP_HEADER_MAX);
	add_date(&b, now);
	push_header(&list, &b, &ok);
	buf_adds(&b, "From: ");
	add_mailbox(&b, m->from_name, m->from_addr);
	push_header(&list, &b, &ok);
	buf_adds(&b, "To: ");
	add_mailbox(&b, m->to_name, m->to_addr);
	push_header(&list, &b, &ok);
	buf_adds(&b, "Subject: ");
	smtp_encode_header(&b, m->subject ? m->subject : "");
	push_header(&list, &b, &ok);
	buf_addf(&b, "Message-ID: %s", m->message_id);
	push_header(&list, &b, &ok);
	buf_adds(&b, "MIME-Version: 1.0");
	push_header(&list, &b, &ok);
	/* RFC 3834: tells autoresponders (vacation, out-of-office) not to answer. */
	buf_adds(&b, "Auto-Submitted: auto-generated");
	push_header(&list, &b, &ok);
	if (m->list_unsubscribe) {
		buf_addf(&b, "List-Unsubscribe: <%s>", m->list_unsubscribe);
		push_header(&list, &b, &ok);
		buf_adds(&b, "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
		push_header(&list, &b, &ok);
	}
	buf_release(&b);
	if (!ok) {
		curl_slist_free_all(list);
		list = NULL;
	}
	return list;
}

/*
 * Attachments are base64-encoded here rather than by curl_mime_encoder():
 * curl 7.88's encoder hands over about 300 bytes a call, and each becomes
 * its own send() (8,000 system calls for 2 MB).  This fills whatever curl
 * asks for (its upload buffer, 64 kB).
 */
static size_t att_read(char *out, size_t size, size_t nitems, void *arg)
{
	struct att_cursor *c = arg;
	size_t want = size * nitems, done = 0;

	while (done < want) {
		size_t k;

		if (c->line_pos == c->line_len) {
			if (c->src == c->len)
				break;
			k = c->len - c->src < ATT_LINE_SRC ? c->len - c->src : ATT_LINE_SRC;
			c->line_len = base64_encode(c->line, c->p + c->src, k);
			memcpy(c->line + c->line_len, "\r\n", 2);
			c->line_len += 2;
			c->line_pos = 0;
			c->src += k;
		}
		k = c->line_len - c->line_pos;
		if (k > want - done)
			k = want - done;
		memcpy(out + done, c->line + c->line_pos, k);
		c->line_pos += k;
		done += k;
	}
	return done;
}

/* Only rewinding is needed (curl may restart a part); anything else cannot be. */
static int att_seek(void *arg, curl_off_t offset, int origin)
{
	struct att_cursor *c = arg;

	if (origin != SEEK_SET || offset != 0)
		return CURL_SEEKFUNC_CANTSEEK;
	c->src = c->line_len = c->line_pos = 0;
	return CURL_SEEKFUNC_OK;
}

/* The size att_read() produces for len source bytes. */
static size_t att_encoded_len(size_t len)
{
	size_t rest = len % ATT_LINE_SRC;

	return len / ATT_LINE_SRC * 78 + (rest ? (rest + 2) / 3 * 4 + 2 : 0);
}

/*
 * The part headers curl does not write for us: the transfer encoding, and
 * Content-Disposition with the name quoted when ASCII, RFC 2231 otherwise.
 */
static struct curl_slist *att_headers(const char *filename)
{
	struct curl_slist *list;
	struct buf b;
	size_t n = strlen(filename);

	buf_init(&b, SMTP_HEADER_MAX);
	list = curl_slist_append(NULL, "Content-Transfer-Encoding: base64");
	if (is_plain_ascii(filename)) {
		buf_adds(&b, "Content-Disposition: attachment; filename=\"");
		for (const char *p = filename; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_addc(&b, '\\');
			buf_addc(&b, *p);
		}
		buf_addc(&b, '"');
	} else {
		buf_adds(&b, "Content-Disposition: attachment; filename*=UTF-8''");
		for (size_t i = 0; i < n;) {
			char ch[4];
			size_t ch_len;

			i += utf8_clean_char(filename + i, n - i, '_', ch, &ch_len);
			buf_add_url(&b, ch, ch_len);
		}
	}
	if (b.overflow || !list || !curl_slist_append(list, b.p)) {
		curl_slist_free_all(list);
		list = NULL;
	}
	buf_release(&b);
	return list;
}

/*
 * Text goes out with CRLF line ends, its canonical form: curl's
 * quoted-printable encoder breaks lines only at CRLF and would write a bare
 * LF as "=0A", one endless line.  curl copies the text; it is small.
 */
static bool add_text_part(curl_mime *mime, const char *text, const char *type)
{
	curl_mimepart *part = curl_mime_addpart(mime);
	struct buf b;
	bool ok;

	buf_init(&b, 0);
	for (const char *p = text; *p; p++) {
		if (*p == '\n' && (p == text || p[-1] != '\r'))
			buf_addc(&b, '\r');
		buf_addc(&b, *p);
		if (*p == '\r' && p[1] != '\n')
			buf_addc(&b, '\n');
	}
	ok = part && !b.overflow && curl_mime_data(part, b.p, b.len) == CURLE_OK &&
	     curl_mime_type(part, type) == CURLE_OK &&
	     curl_mime_encoder(part, "quoted-printable") == CURLE_OK;
	buf_release(&b);
	return ok;
}

static bool add_body(CURL *h, curl_mime *root, const struct mail_message *m)
{
	curl_mimepart *part;
	curl_mime *alt;

	if (!m->html)
		return add_text_part(root, m->text, "text/plain; charset=UTF-8");
	part = curl_mime_addpart(root);
	alt = curl_mime_init(h);
	if (!part || !alt || curl_mime_subparts(part, alt) != CURLE_OK) {
		curl_mime_free(alt);
		return false;
	}
	return curl_mime_type(part, "multipart/alternative") == CURLE_OK &&
	       add_text_part(alt, m->text, "text/plain; charset=UTF-8") &&
	       add_text_part(alt, m->html, "text/html; charset=UTF-8");
}

static bool add_attachment(curl_mime *root, const struct mail_attachment *a, struct att_cursor *cur)
{
	curl_mimepart *part = curl_mime_addpart(root);
	struct curl_slist *disp = att_headers(a->filename);
	const char *type = a->content_type ? a->content_type : "application/octet-stream";

	*cur = (struct att_cursor){.p = a->data, .len = a->len};
	if (!part || !disp || curl_mime_headers(part, disp, 1) != CURLE_OK) {
		curl_slist_free_all(disp);
		return false;
	}
	return curl_mime_data_cb(part, (curl_off_t)att_encoded_len(a->len), att_read, att_seek,
	                         NULL, cur) == CURLE_OK &&
	       curl_mime_type(part, type) == CURLE_OK;
}

/* ---- the client ---- */

static void reply_copy(char *dst, const char *line, size_t n)
{
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n'))
		n--;
	if (n >= SMTP_REPLY_MAX)
		n = SMTP_REPLY_MAX - 1;
	memcpy(dst, line, n);
	dst[n] = 0;
}

/*
 * Follows the uploaded body to know whether all of it went out: curl does
 * not know the size of a MIME upload, so we learn the top-level boundary
 * from the first line curl writes and watch for the closing delimiter at
 * the end of what was sent.
 */
static void watch_body(struct smtp_client *c, const char *data, size_t size)
{
	static const char ct[] = "Content-Type: multipart/mixed; boundary=";
	size_t n = c->delim_len;

	if (!c->body_started) {
		c->body_started = true;
		if (size > sizeof(ct) - 1 && !memcmp(data, ct, sizeof(ct) - 1)) {
			const char *b = data + sizeof(ct) - 1;
			size_t b_len = strcspn(b, "\r\n");

			if (b_len < size - (sizeof(ct) - 1) && b_len + 6 < sizeof(c->delim)) {
				snprintf(c->delim, sizeof(c->delim), "--%.*s--\r\n", (int)b_len, b);
				c->delim_len = b_len + 6;
			}
		}
		n = c->delim_len;
	}
	if (n == 0)
		return;
	if (size >= n) {
		memcpy(c->tail, data + size - n, n);
	} else {
		memmove(c->tail, c->tail + size, n - size);
		memcpy(c->tail + n - size, data, size);
	}
}

/* Sees every reply line (CURLINFO_HEADER_IN, one a call) and the body going out. */
static int debug_cb(CURL *h, curl_infotype type, char *data, size_t size, void *arg)
{
	struct smtp_client *c = arg;

	(void)h;
	if (type == CURLINFO_DATA_OUT && c->data_open)
		watch_body(c, data, size);
	if (type != CURLINFO_HEADER_IN || size < 3)
		return 0;
	reply_copy(c->last_reply, data, size);
	if (data[0] == '4' || data[0] == '5')
		reply_copy(c->fail_reply, data, size);
	else if (!memcmp(data, "354", 3))
		c->data_open = true;
	return 0;
}

/* Splits "?starttls" off url into *starttls; other queries are errors. */
static char *parse_url(const char *url, bool *starttls)
{
	const char *q = strchr(url, '?');
	const char *env = getenv("OCOP_SMTP_STARTTLS");

	*starttls = env && !strcmp(env, "1") && !strncmp(url, "smtp://", 7);
	if (!q)
		return xstrdup(url);
	if (strcmp(q, "?starttls") != 0)
		return NULL;
	*starttls = true;
	char *s = xstrdup(url);
	s[q - url] = 0;
	return s;
}

struct smtp_client *smtp_client_new(const char *url, int timeout_seconds)
{
	struct smtp_client *c = xcalloc(1, sizeof(*c));
	long t = timeout_seconds > 0 ? timeout_seconds : 30;
	bool starttls;
	char *bare = parse_url(url, &starttls);
	CURL *h = bare ? curl_easy_init() : NULL;

	if (!h) {
		free(bare);
		free(c);
		return NULL;
	}
	c->curl = h;
	curl_easy_setopt(h, CURLOPT_URL, bare);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (starttls)
		curl_easy_setopt(h, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, t);
	curl_easy_setopt(h, CURLOPT_SERVER_RESPONSE_TIMEOUT, t);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, t);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, c->errbuf);
	curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(h, CURLOPT_DEBUGDATA, c);
	curl_easy_setopt(h, CURLOPT_VERBOSE, 1L);
	free(bare);
	return c;
}

void smtp_client_free(struct smtp_client *c)
{
	if (!c)
		return;
	curl_easy_cleanup(c->curl);
	free(c);
}

/* Whether the whole body went out; when we cannot tell, yes (the safe side). */
static bool body_was_sent(const struct smtp_client *c)
{
	if (!c->data_open || !c->body_started)
		return false;
	return !c->delim_len || !memcmp(c->tail, c->delim, c->delim_len);
}

static enum smtp_result classify(struct smtp_client *c, CURLcode rc, char *err, size_t errlen)
{
	long code = 0;

	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &code);
	if (rc == CURLE_OK) {
		snprintf(err, errlen, "%s", c->last_reply);
		return SMTP_SENT;
	}
	if (code >= 400 && code < 600) {
		snprintf(err, errlen, "%s", c->fail_reply[0] ? c->fail_reply : c->last_reply);
		return code < 500 ? SMTP_TEMPFAIL : SMTP_PERMFAIL;
	}
	snprintf(err, errlen, "%s", c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
	if (body_was_sent(c))
		return SMTP_UNKNOWN;
	return SMTP_TEMPFAIL;
}

enum smtp_result smtp_send(struct smtp_client *c, const struct mail_message *m, char *err,
                           size_t errlen)
{
	const char *problem = message_problem(m);
	struct att_cursor *cur = NULL;
	struct curl_slist *headers = NULL, *rcpt = NULL;
	curl_mime *mime = NULL;
	enum smtp_result res = SMTP_PERMFAIL;
	bool ok;
	char addr[SMTP_REPLY_MAX + 2];

	if (problem)
		goto done;
	problem = "cannot build message";
	headers = build_headers(m, time(NULL));
	cur = xcalloc(m->n_att ? m->n_att : 1, sizeof(*cur));
	mime = curl_mime_init(c->curl);
	ok = headers && mime && add_body(c->curl, mime, m);
	for (size_t i = 0; ok && i < m->n_att; i++)
		ok = add_attachment(mime, &m->att[i], &cur[i]);
	snprintf(addr, sizeof(addr), "<%s>", m->to_addr);
	rcpt = curl_slist_append(NULL, addr);
	if (!ok || !rcpt)
		goto done;
	problem = NULL;

	c->errbuf[0] = c->last_reply[0] = c->fail_reply[0] = 0;
	c->data_open = c->body_started = false;
	c->delim_len = 0;
	snprintf(addr, sizeof(addr), "<%s>", m->from_addr);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, mime);
	res = classify(c, curl_easy_perform(c->curl), err, errlen);
	/* The handle keeps pointers to these; drop them before freeing. */
	curl_easy_setopt(c->curl, CURLOPT_MIMEPOST, NULL);
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(c->curl, CURLOPT_MAIL_RCPT, NULL);
done:
	if (problem)
		snprintf(err, errlen, "%s", problem);
	curl_mime_free(mime);
	curl_slist_free_all(rcpt);
	curl_slist_free_all(headers);
	free(cur);
	return res;
}
