/*
 * utf8.h: the text rules every input goes through: validity, NFC, trimming,
 * and the folded form used for search (lower case, no diacritics, đ -> d).
 * Built on utf8proc.  Results are allocated from the given arena.
 */
#ifndef OCOP_UTF8_H
#define OCOP_UTF8_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* True when s[0..len) is valid UTF-8 with no NUL and no control character
 * other than tab, CR and LF (allow_newline) or none (!allow_newline). */
bool utf8_is_clean(const char *s, size_t len, bool allow_newline);
/* The length of the longest valid UTF-8 prefix without NUL: len when all
 * of s is valid, else the offset of the first bad byte. */
size_t utf8_valid_len(const char *s, size_t len);
/* Number of code points; s must be valid. */
size_t utf8_length(const char *s, size_t len);
/* NFC form, with leading/trailing white space removed and inner runs of
 * white space collapsed to one space when squeeze is set.  NULL if invalid. */
char *utf8_nfc(struct arena *a, const char *s, size_t len, bool squeeze);
/* Folded form for search and matching: NFC, lower case, marks stripped,
 * đ/Đ -> d, white space collapsed.  NULL if invalid. */
char *utf8_fold(struct arena *a, const char *s, size_t len);

#endif
