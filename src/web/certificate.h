/*
 * certificate.h: what the certificate pages share: sending one rendered
 * PDF, and the certificate box of the participant's page.
 */
#ifndef OCOP_WEB_CERTIFICATE_H
#define OCOP_WEB_CERTIFICATE_H

#include <jansson.h>
#include <stdint.h>

struct req;
struct cert;

/* Renders c and answers with it (inline, ETag = its SHA-256). */
void cert_send_pdf(struct req *r, const struct cert *c);
/* {serial, valid, pdf, verify} for the /me page, or NULL when the
 * participant has no certificate.  path is "/me/{token}". */
json_t *cert_me_view(struct req *r, int64_t registration_id, const char *path);

#endif
