/*
 * contact.h: canonical forms of e-mail addresses and Vietnamese phone
 * numbers.  Pure functions, no SQL.
 */
#ifndef OCOP_CONTACT_H
#define OCOP_CONTACT_H

#include <stdbool.h>
#include <stddef.h>

#define EMAIL_MAX 254
#define PHONE_MAX 32

/* Checks the syntax of an e-mail address (ASCII, one @, a dotted domain,
 * at most 254 bytes) and writes the form used for comparing (trimmed, lower
 * case) into out (EMAIL_MAX + 1 bytes).  Returns false if invalid. */
bool email_canonical(const char *in, char *out);

/* Vietnamese numbers as people type them ("0912 345 678", "0912.345.678",
 * "+84 912 345 678", "84912345678", "(028) 3822 1234") to E.164
 * ("+84912345678") in out (PHONE_MAX bytes).  Mobile numbers are 0 + 9
 * digits with prefix 3, 5, 7, 8 or 9; fixed lines 02 + 9 digits.  Returns
 * false if the number is not one of those. */
bool phone_canonical(const char *in, char *out);
/* E.164 back to the local form people read: "0912 345 678",
 * "0283 822 1234".  out: PHONE_MAX bytes. */
void phone_local(const char *e164, char *out);

#endif
