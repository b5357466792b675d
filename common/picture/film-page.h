/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FILM_PAGE_H
#define HEATMAP_FILM_PAGE_H

#include "common/picture/film-chart.h"

/*
 * Write @path, whole or not at all, as a self-contained HTML page that
 * plays the @nr pictures @files (names relative to the page) with a
 * play/pause button and a step slider, showing @labels[i] under picture i.
 * @title heads the page; @width is the pictures' width in pixels.  With
 * @chart (numbers for each picture), the chart beside the pictures, the
 * step's line of output under each, and the legend of the colours.  Keys:
 * space plays and pauses, left and right step.  Once every picture has
 * loaded, or failed to, the body has data-frames-done="true" and counts
 * in data-frames-loaded and data-frames-failed.  No
 * network, no external script: the page works from a directory copied
 * anywhere.  Return 0 or -errno.
 */
int film_page_write(const char *path, const char *title,
		    const char * const *files, const char * const *labels,
		    const struct film_chart *chart, int nr, int width);

#endif
