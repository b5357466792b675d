/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PNG_IO_H
#define HEATMAP_PNG_IO_H

#include <stdint.h>
#include <stdio.h>

/* What a row source's next() says of the next row. */
#define PNG_ROW_NEW	0	/* paint it */
#define PNG_ROW_SAME	1	/* it has the pixels of the row above */

/* An ancillary chunk to write: a private one is named like "scAN". */
struct png_chunk {
	const char *name;
	const uint8_t *data;
	size_t len;
};

/*
 * The rows of a picture, top to bottom.  next() moves to the next row and
 * returns PNG_ROW_NEW, PNG_ROW_SAME (never for the first row), or -errno
 * to stop the picture; after PNG_ROW_NEW, paint() writes its RGB pixels (3
 * bytes each) to @row.  after(), if set, is asked once the rows are
 * written for a chunk to write after them (its data NULL: none); it
 * returns 0 or -errno.
 */
struct png_row_source {
	int (*next)(void *ctx);
	void (*paint)(void *ctx, uint8_t *row);
	int (*after)(void *ctx, struct png_chunk *chunk);
	void *ctx;
};

/*
 * Write an 8-bit RGB PNG of @width x @height to @fp: the chunks through
 * libpng, the image data deflated in bands on all processors (png-bands.h),
 * then the chunk @after (none when NULL): after the image data, so that a
 * reader can stream the pixels and still find it, before IEND.  Return 0
 * or -errno (-EIO when writing fails without an errno).
 */
int png_write_rgb(FILE *fp, uint32_t width, uint32_t height,
		  const struct png_row_source *src,
		  const struct png_chunk *after);

#endif
