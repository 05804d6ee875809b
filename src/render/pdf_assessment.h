/*
 * pdf_assessment.h: the OCOP self-assessment report ("Phiếu tự đánh giá
 * sản phẩm OCOP") as an A4 portrait PDF of one or more pages, for the
 * entity to attach to its dossier.  Pure rendering from the result's view
 * model (web/ocop_view.h, ocop_view_result): no SQL, no HTTP, no rule.
 */
#ifndef OCOP_PDF_ASSESSMENT_H
#define OCOP_PDF_ASSESSMENT_H

#include <jansson.h>
#include <stdint.h>

#include "core/buf.h"

/*
 * Appends the PDF for view (borrowed) to out.  date (Unix seconds) is the
 * date printed above the signature and the PDF's creation date, so the
 * same view and date give the same bytes.  Text reaches pango through
 * pango_layout_set_text only.  Returns 0, or -1 if the view lacks
 * product.name or parts, or cairo fails, or out reaches its cap; on -1, out
 * is left as it was.  Thread-safe: each call makes its own font map.
 */
int pdf_assessment_render(const json_t *view, int64_t date, struct buf *out);

#endif
