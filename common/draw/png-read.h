/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PNG_READ_H
#define HEATMAP_PNG_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <png.h>

/* Largest picture read: what --size 15 writes. */
#define PNG_READ_MAX_SIDE	32768

/*
 * A PNG from outside, read a row at a time as 8-bit RGB through libpng
 * with its limits set, so that memory stays at one row whatever the file
 * claims.  Its ancillary chunk SCAN_CHUNK_NAME, which comes after the
 * image data, is handed out at the end.
 */
struct png_reader {
	png_structp png;
	png_infop info;
	uint32_t width;
	uint32_t height;
	uint32_t y;
	uint8_t *row;
	int err;
};

/*
 * Start reading the PNG at the position of @fp.  Return 0, or -EINVAL
 * when it is no PNG or one libpng refuses (-EFBIG: larger than
 * PNG_READ_MAX_SIDE), -ENOMEM, -EIO.
 */
int png_reader_open(struct png_reader *r, FILE *fp);

/* The next row of width * 3 bytes in *@row.  Return 0 or -errno. */
int png_reader_next_row(struct png_reader *r, const uint8_t **row);

/*
 * After the last row: read the rest of the file, checking it, and hand
 * out a copy of the scan chunk in *@chunk (NULL when there is none; the
 * caller frees it).  Return 0 or -errno.
 */
int png_reader_finish(struct png_reader *r, uint8_t **chunk, size_t *len);

void png_reader_close(struct png_reader *r);

struct scan;

/*
 * Read the whole PNG at the position of @fp, checking it: its size into
 * *@width and *@height, and the scan it carries into @scan with
 * *@has_scan true (the caller releases it), or *@has_scan false.  Return
 * 0 or -errno: -EINVAL not a PNG or a damaged one, -EBADMSG a scan that
 * does not decode or does not describe the picture, -ENOTSUP a scan of a
 * later format, -ENOMEM, -EIO.
 */
int png_read_scan(FILE *fp, uint32_t *width, uint32_t *height,
		  struct scan *scan, bool *has_scan);

#endif
