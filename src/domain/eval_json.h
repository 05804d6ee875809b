/*
 * eval_json.h: an evaluation in its portable JSON form (a question bank
 * reused from one year to the next), the strict reading of that form, and
 * the field rules the console's question forms share with it.
 *
 * The form, version 1 (no ids, no code, no window, no session: those
 * belong to where it is imported):
 *   {"format": "ocop-evaluation", "version": 1, "title": "...",
 *    "instructions": "...", "pass_mark": 0..100, "allow_change": bool,
 *    "show_answers": bool, "shuffle_options": bool,
 *    "counts_as_presence": bool,
 *    "questions": [{"kind": "single"|"multiple"|"rating"|"text",
 *      "prompt": "...", "points": 0..100, "partial": bool,
 *      "max_len": 0..2000, "aspect": ""|"content"|"speaker"|
 *      "organisation"|"platform", "required": bool,
 *      "options": [{"label": "...", "correct": bool}]}]}
 * Unknown keys are refused, so a typo is not silently dropped.
 */
#ifndef OCOP_EVAL_JSON_H
#define OCOP_EVAL_JSON_H

#include "domain/evaluation.h"

#define EVAL_TITLE_MAX 200
#define EVAL_INSTRUCTIONS_MAX 4000
#define EVAL_PROMPT_MAX 1000
#define EVAL_LABEL_MAX 300
#define EVAL_POINTS_MAX 100

/* The rating aspects: {"content", label}, ..., ending with {NULL, NULL}. */
extern const char *const eval_aspects[][2];
/* The translated label of an aspect, "" for none or unknown. */
const char *eval_aspect_label(const char *aspect);

/* Caller owns the result.  Only live questions (those of eval_load). */
json_t *eval_export_json(const struct eval *e);

/* Reads doc strictly into out (strings in arena a); out's series,
 * session, window and code are left 0.  Returns 0, or -1 with messages
 * ("câu 3: ...") appended to errors (a JSON array, at most 30). */
int eval_import_json(struct arena *a, json_t *doc, struct eval *out, json_t *errors);

/* A text field: clean UTF-8, NFC, single-line ones squeezed, at most max
 * characters, non-empty when required.  Returns the value (arena) or NULL
 * with *msg set (translated). */
const char *eval_clean_text(struct arena *a, const char *v, size_t max, bool multiline,
			    bool required, const char **msg);

/* The first problem of a question's own fields (not its options), or NULL:
 * points, length limit, aspect against the kind. */
const char *eval_check_fields(const struct eval_question *q);
/* The first problem of a complete question (options and correct flags
 * included), or NULL.  The console shows these as warnings while a
 * question is being built; an import refuses them. */
const char *eval_check_question(const struct eval_question *q);

#endif
