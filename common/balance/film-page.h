/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FILM_PAGE_H
#define HEATMAP_FILM_PAGE_H

/*
 * Write @path, whole or not at all, as a self-contained HTML page that
 * plays the @nr pictures @files (names relative to the page) with a
 * play/pause button and a step slider, showing @labels[i] under picture i.
 * @title heads the page; @width is the pictures' width in pixels.  No
 * network, no external script: the page works from a directory copied
 * anywhere.  Return 0 or -errno.
 */
int film_page_write(const char *path, const char *title,
		    const char * const *files, const char * const *labels,
		    int nr, int width);

#endif
