/*
 * pdf_cert.h: certificates of completion as one-page A4 landscape PDFs, in
 * the look of a Vietnamese official document (issuing body top-left, the
 * national motto top-right, place and date in words above the signer).
 * Pure rendering: no SQL, no HTTP; the caller loads and validates the data.
 */
#ifndef OCOP_PDF_CERT_H
#define OCOP_PDF_CERT_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct cert_org {
	const char *name;
	const unsigned char *logo_png; /* optional: PNG bytes, or NULL */
	size_t logo_len;
};

/*
 * Every string is UTF-8 (NFC) and borrowed for the duration of the call.
 * Required: full_name, series_title, serial, verify_url, verify_code.
 * Optional (NULL or ""): everything else.
 */
struct cert_data {
	const char *full_name;    /* exactly as registered */
	const char *series_title; /* "Chuỗi tập huấn ... năm 2021" */
	const char *completed;    /* "đã hoàn thành 8 buổi tập huấn (28 giờ), ..." */
	const char *second_lang;  /* a French (or other) line, printed in italics */
	const struct cert_org *orgs;
	size_t n_orgs;
	const char *place; /* "TP. Hồ Chí Minh" */
	int64_t issued_at; /* unix seconds, printed in words in UTC+7 */
	const char *signer_name;
	const char *signer_title; /* printed in capitals: "GIÁM ĐỐC" */
	const char *issuer;       /* issuing body, top-left, printed in capitals */
	const char *serial;       /* printed "Số: <serial>" */
	const char *verify_url;   /* encoded in the QR and printed under it */
	const char *verify_code;  /* printed "Mã xác thực: <code>" */
	/* Optional full-page background (PNG, scaled to cover the page).  When
	 * given, it replaces the drawn double border. */
	const unsigned char *background_png;
	size_t background_len;
};

/* The colour of the drawn page (no background image), for callers that
 * flatten transparent images onto it: a PDF image with an alpha channel
 * costs a second stream to compress in every certificate. */
#define PDF_CERT_PAPER_R 1.0
#define PDF_CERT_PAPER_G 0.988
#define PDF_CERT_PAPER_B 0.955

/* Per-thread state: the pango font map (72 dpi), font options and a small
 * cache of decoded images.  Not thread-safe; make one per thread. */
struct pdf_cert_renderer;

/* Never NULL (allocation failure aborts).  Free with pdf_cert_renderer_free. */
struct pdf_cert_renderer *pdf_cert_renderer_new(void);
void pdf_cert_renderer_free(struct pdf_cert_renderer *r);

/*
 * Appends one A4 landscape PDF for d to out.  Deterministic: the same d gives
 * the same bytes (the PDF dates are derived from issued_at).  Returns 0, or
 * -1 if a required field is missing, a string is not valid UTF-8, an image is
 * not a PNG, the URL does not fit a QR symbol, cairo fails or out reaches its
 * cap; on -1, out is left as it was (except its overflow flag).
 */
int pdf_cert_render(struct pdf_cert_renderer *r, const struct cert_data *d, struct buf *out);

/* Writes "ngày 05 tháng 02 năm 2021" for t (unix seconds, UTC+7) into dst,
 * with the leading zeros Decree 30/2020/NĐ-CP asks for (days below 10,
 * months 1 and 2).  Returns the length, as snprintf. */
int pdf_cert_date_words(int64_t t, char *dst, size_t n);

#endif
