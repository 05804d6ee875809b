/*
 * chart_cairo.h: the cairo renderer of struct svg_chart (svg_chart.h), so
 * a chart in a PDF is drawn from the very description the web page draws
 * as SVG: same bars, same values, same order, same colours, same labels.
 * The geometry is the SVG's, scaled to print (points, smaller type).
 *
 * Text goes through pango_layout_set_text only.  Long labels are cut with
 * an ellipsis to their column; the values stay whole.
 */
#ifndef OCOP_CHART_CAIRO_H
#define OCOP_CHART_CAIRO_H

#include <cairo.h>
#include <pango/pango.h>

#include "render/svg_chart.h"

/* The height in points that c takes w points wide, title included. */
double chart_cairo_height(const struct svg_chart *c, double w);
/* Draws c (borrowed) with its top-left corner at (x, y), w points wide,
 * its title above it; pc is a pango context for cr.  Returns the height. */
double chart_cairo_draw(cairo_t *cr, PangoContext *pc, const struct svg_chart *c, double x,
                        double y, double w);

#endif
