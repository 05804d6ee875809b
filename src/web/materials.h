/*
 * materials.h: what the pages that show or send materials share (the
 * console, the personal page, the public series page).
 */
#ifndef OCOP_WEB_MATERIALS_H
#define OCOP_WEB_MATERIALS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct req;
struct material;

/* Streams the content of m (see req_stream_entity): its type, its name,
 * inline for PDF and pictures unless ?download=1, ETag, ranges. */
void materials_send(struct req *r, const struct material *m);
/* The materials of a series for a template (caller owns): material_list()
 * with size_text, type_label, topic_label and url = base + "/" + id. */
json_t *materials_view(struct req *r, int64_t series_id, bool public_only, const char *base);
/* "1,5 MB", "320 KB", "12 B" into out. */
const char *materials_size_text(char *out, size_t n, int64_t size);
/* p as an id when it is a plain positive number (NULL ok); else 0. */
int64_t materials_parse_id(const char *p);
/* The id in r->params[i], as materials_parse_id(). */
int64_t materials_param_id(struct req *r, int i);

#endif
