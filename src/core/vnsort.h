/*
 * vnsort.h: sort keys for official lists of Vietnamese names: by given name
 * (the last word) first, then by the rest of the name, in Vietnamese
 * alphabetical order (a ă â b c d đ e ê g ... ơ ... ư ...), tone marks
 * deciding only between otherwise equal names (level, grave, hook, tilde,
 * acute, dot below).  Letters outside the Vietnamese alphabet (f j w z)
 * sit where Latin puts them.  No ICU: the alphabet is small and fixed.
 */
#ifndef OCOP_VNSORT_H
#define OCOP_VNSORT_H

struct arena;

/* A key for full_name (UTF-8, any normal form) in the arena; two names are
 * in official order when strcmp() of their keys says so.  Invalid UTF-8
 * gives a key that sorts after every valid name. */
char *vnsort_name_key(struct arena *a, const char *full_name);

#endif
