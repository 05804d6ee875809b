/*
 * admin_certs.h: what the certificate console pages share.
 */
#ifndef OCOP_ADMIN_CERTS_H
#define OCOP_ADMIN_CERTS_H

struct req;

/* The series' certificate page (params[0] the slug) with a notice or an
 * error beside the forms; answers 404/403 itself. */
void admin_certs_page(struct req *r, unsigned status, const char *notice, const char *error);

#endif
