// SPDX-License-Identifier: MIT
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include "common/draw/png-bands.h"
#include "common/draw/png-io.h"

/* libpng reports through longjmp; the caller turns it into -EIO. */
static void png_warn_silently(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/*
 * Fail without libpng's own "libpng error: ..." line: the command prints
 * the one error line.  A failed write leaves stdio's errno (ENOSPC, EIO,
 * ...) for the caller, unless a row source already gave a reason.
 */
static void png_fail_silently(png_structp png, png_const_charp msg)
{
	volatile int *err = png_get_error_ptr(png);

	(void)msg;
	if (!*err)
		*err = errno ? -errno : -EIO;
	png_longjmp(png, 1);
}

/* A piece of the zlib stream as one IDAT chunk. */
static int write_idat(void *ctx, const uint8_t *data, size_t len)
{
	png_structp png = ctx;

	errno = 0;
	png_write_chunk(png, (png_const_bytep)"IDAT", data, len);
	return 0;
}

static int write_rows(png_structp png, struct png_bands *pb, uint32_t height,
		      const struct png_row_source *src,
		      const struct png_chunk *after)
{
	struct png_chunk late;
	uint8_t *row;
	uint32_t y;
	int ret;

	for (y = 0; y < height; y++) {
		ret = src->next(src->ctx);
		if (ret < 0)
			return ret;
		if (ret == PNG_ROW_SAME && y) {
			ret = png_bands_add_row(pb, 1);
		} else {
			ret = png_bands_row(pb, &row);
			if (ret)
				return ret;
			src->paint(src->ctx, row);
			ret = png_bands_add_row(pb, 0);
		}
		if (ret)
			return ret;
	}
	if (src->after) {
		ret = src->after(src->ctx, &late);
		if (ret)
			return ret;
		if (late.data)
			after = &late;
	}
	errno = 0;
	if (after)
		png_write_chunk(png, (png_const_bytep)after->name, after->data,
				after->len);
	png_write_chunk(png, (png_const_bytep)"IEND", NULL, 0);
	return 0;
}

int png_write_rgb(FILE *fp, uint32_t width, uint32_t height,
		  const struct png_row_source *src,
		  const struct png_chunk *after)
{
	struct png_bands *volatile pb = NULL;
	struct png_bands *bands;
	png_structp png;
	png_infop info;
	volatile int err = 0;

	png = png_create_write_struct(PNG_LIBPNG_VER_STRING, (void *)&err,
				      png_fail_silently, png_warn_silently);
	if (!png)
		return -ENOMEM;
	info = png_create_info_struct(png);
	if (!info) {
		png_destroy_write_struct(&png, NULL);
		return -ENOMEM;
	}
	if (setjmp(png_jmpbuf(png))) {
		png_bands_free(pb);
		png_destroy_write_struct(&png, &info);
		return err ? err : -EIO;
	}
	errno = 0;
	png_init_io(png, fp);
	png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_write_info(png, info);
	err = png_bands_start(&bands, (size_t)width * 3, height, write_idat,
			      png);
	pb = bands;
	if (!err)
		err = write_rows(png, pb, height, src, after);
	png_bands_free(pb);
	png_destroy_write_struct(&png, &info);
	return err;
}
