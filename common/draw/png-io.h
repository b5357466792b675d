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

/*
 * Write an 8-bit RGB PNG of @width x @height to @fp through libpng, rows
 * from @next_row top to bottom.  Return 0 or -errno (-EIO when libpng
 * fails to write).
 */
int png_write_rgb(FILE *fp, uint32_t width, uint32_t height,
		  png_next_row_fn next_row, void *ctx);

#endif
