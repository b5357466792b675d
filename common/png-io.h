/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PNG_IO_H
#define HEATMAP_PNG_IO_H

#include <stdint.h>
#include <stdio.h>

/*
 * Hand out the next row of RGB pixels (3 bytes each) in *@row.  Return 0,
 * or -errno to stop the picture.
 */
typedef int (*png_next_row_fn)(void *ctx, const uint8_t **row);

/* An ancillary chunk to write: a private one is named like "scAN". */
struct png_chunk {
	const char *name;
	const uint8_t *data;
	size_t len;
};

/*
 * Write an 8-bit RGB PNG of @width x @height to @fp through libpng, rows
 * from @next_row top to bottom, then the chunk
 * @after (none when NULL): after the image data, so that a reader can
 * stream the pixels and still find it, before IEND.  Return 0 or -errno (-EIO when libpng
 * fails to write).
 */
int png_write_rgb(FILE *fp, uint32_t width, uint32_t height,
		  png_next_row_fn next_row, void *ctx,
		  const struct png_chunk *after);

/* A decoded picture, 3 bytes a pixel, rows top to bottom. */
struct png_image_rgb {
	uint32_t width;
	uint32_t height;
	uint8_t *pixels;
};

/*
 * Read the PNG at @path into @img as 8-bit RGB.  Return 0, or -errno
 * (-EINVAL when it is not a PNG libpng can read).
 */
int png_read_rgb(const char *path, struct png_image_rgb *img);

void png_image_release(struct png_image_rgb *img);

#endif
