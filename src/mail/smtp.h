/*
 * smtp.h: send one e-mail message over SMTP with libcurl, and say what
 * happened in a way a retrying outbox can act on.  Pure: no SQL, no queue,
 * no logging; the outbox worker owns the retry policy and calls smtp_send().
 *
 * A message is built as
 *
 *     multipart/mixed
 *       text/plain; charset=UTF-8           (or multipart/alternative of
 *       [text/html; charset=UTF-8]           text and html when html is set)
 *       attachment ... (base64, one part each)
 *
 * with text in quoted-printable (CRLF line ends) and attachments in base64,
 * streamed from the caller's bytes.  Header values that are not plain
 * printable ASCII are written as RFC 2047 encoded-words.  Headers: Date (UTC),
 * From, To, Subject, Message-ID, MIME-Version, Auto-Submitted, and with
 * list_unsubscribe List-Unsubscribe and List-Unsubscribe-Post.
 */
#ifndef OCOP_SMTP_H
#define OCOP_SMTP_H

#include <stddef.h>

struct buf;

struct mail_attachment {
	const char *filename;     /* UTF-8; sent as filename*= (RFC 2231) when not ASCII */
	const char *content_type; /* NULL means application/octet-stream */
	const void *data;         /* borrowed; read in place by curl, never copied */
	size_t len;
};

struct mail_message {
	const char *from_name, *from_addr; /* "Ban tổ chức OCOP", "noreply@example.org" */
	const char *to_name, *to_addr;     /* names may be NULL */
	const char *subject;               /* UTF-8 */
	const char *message_id;            /* "<...@host>", stable across retries */
	const char *list_unsubscribe;      /* optional https URL, one-click (RFC 8058) */
	const char *text, *html;           /* text required, html optional */
	const struct mail_attachment *att;
	size_t n_att;
};

enum smtp_result {
	SMTP_SENT,     /* the server answered 250 to the end of data */
	SMTP_TEMPFAIL, /* not delivered, try again later: 4xx, no connection, timeout */
	SMTP_PERMFAIL, /* not delivered, do not retry: 5xx, or the message itself is invalid */
	SMTP_UNKNOWN,  /* the whole body was sent but no final answer came: maybe delivered */
};

struct smtp_client;

/*
 * Makes a client for url, one of
 *
 *     smtp://host:25                      plain
 *     smtp://host:587?starttls            STARTTLS required (CURLOPT_USE_SSL)
 *     smtps://user:pass@host:465          TLS from the first byte
 *     smtp://user:pass@host:587/ehlo.name ... the path is the EHLO name
 *
 * A plain smtp:// URL also requires STARTTLS when the environment has
 * OCOP_SMTP_STARTTLS=1 (read here, once).  timeout_seconds bounds the
 * connect, each wait for a server reply, and any stall while uploading.
 * The client keeps one connection open across smtp_send() calls; it is not
 * thread-safe (one per worker thread); call curl_global_init() once at
 * start-up before making clients on several threads.  A URL curl cannot
 * parse shows at the first send, as SMTP_TEMPFAIL with curl's message.
 * Returns NULL for an unknown query (anything but "?starttls") or when curl
 * cannot start.  The caller owns the result: smtp_client_free().
 */
struct smtp_client *smtp_client_new(const char *url, int timeout_seconds);
void smtp_client_free(struct smtp_client *c);

/*
 * Sends m (borrowed; attachment bytes are read in place, so they must stay
 * valid until this returns).  Fills err with the server's last relevant
 * reply ("550 5.1.1 no such user"), or curl's message when there was none,
 * or on SMTP_SENT the final reply ("250 OK queued as ..."); err is always
 * NUL-terminated when errlen > 0.  An invalid message (an address or
 * Message-ID with spaces, CR/LF or angle brackets, no text) is SMTP_PERMFAIL
 * without connecting.
 */
enum smtp_result smtp_send(struct smtp_client *c, const struct mail_message *m, char *err,
                           size_t errlen);

/*
 * Appends utf8 to out as a header value: printable ASCII that does not
 * contain "=?" passes unchanged; anything else becomes RFC 2047 B-encoded
 * words of at most 64 characters (so "Subject: " plus a word fits in 76),
 * folded with CRLF SP, never splitting a UTF-8 character.  Invalid UTF-8
 * becomes U+FFFD and control characters a space, so the result can never
 * break the header.
 */
void smtp_encode_header(struct buf *out, const char *utf8);

#endif
