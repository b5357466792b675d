/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PNG_FILTER_H
#define HEATMAP_PNG_FILTER_H

#include <stddef.h>
#include <stdint.h>

/* PNG filter types (PNG specification, section 9). */
#define PNG_FILTER_TYPE_NONE	0
#define PNG_FILTER_TYPE_SUB	1
#define PNG_FILTER_TYPE_UP	2

/*
 * Filter the @len bytes of RGB pixels (3 bytes each) at @row into @out
 * with the one of None, Sub and Up whose bytes, taken as signed, sum to
 * the least in absolute value (the heuristic libpng uses), and return that
 * type.  @prev holds the row above, or is NULL for the first row.  The
 * pixels decoded are the same whichever is chosen; the choice only makes
 * the rows compress better.
 */
uint8_t png_filter_row(uint8_t *restrict out, const uint8_t *restrict row,
		       const uint8_t *restrict prev, size_t len);

#endif
