// SPDX-License-Identifier: MIT
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <png.h>
#include "common/png-io.h"

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

int png_write_rgb(FILE *fp, uint32_t width, uint32_t height,
		  png_next_row_fn next_row, void *ctx,
		  const struct png_chunk *after)
{
	png_structp png;
	png_infop info;
	const uint8_t *row;
	uint32_t y;
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
		png_destroy_write_struct(&png, &info);
		return err ? err : -EIO;
	}
	errno = 0;
	png_init_io(png, fp);
	png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_RGB,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	/*
	 * No row filters, like the reference.  zlib's default level 6 spent
	 * three quarters of the time of a picture; level 3 with a smaller
	 * hash table compresses these runs of few colours several times
	 * faster, into files 1.2 to 1.8 times as large.  Same pixels.
	 */
	png_set_filter(png, 0, PNG_FILTER_NONE);
	png_set_compression_level(png, 3);
	png_set_compression_mem_level(png, 4);
	png_write_info(png, info);
	for (y = 0; y < height; y++) {
		err = next_row(ctx, &row);
		if (err)
			png_error(png, "row source failed");
		errno = 0;
		png_write_row(png, row);
	}
	errno = 0;
	if (after)
		png_write_chunk(png, (png_const_bytep)after->name, after->data,
				after->len);
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	return 0;
}

int png_read_rgb(const char *path, struct png_image_rgb *img)
{
	png_image image;
	int err;

	memset(&image, 0, sizeof(image));
	memset(img, 0, sizeof(*img));
	image.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_file(&image, path)) {
		err = errno == ENOENT ? -ENOENT : -EINVAL;
		png_image_free(&image);
		return err;
	}
	image.format = PNG_FORMAT_RGB;
	img->pixels = malloc(PNG_IMAGE_SIZE(image));
	if (!img->pixels) {
		png_image_free(&image);
		return -ENOMEM;
	}
	if (!png_image_finish_read(&image, NULL, img->pixels, 0, NULL)) {
		png_image_release(img);
		png_image_free(&image);
		return -EINVAL;
	}
	img->width = image.width;
	img->height = image.height;
	return 0;
}

void png_image_release(struct png_image_rgb *img)
{
	free(img->pixels);
	img->pixels = NULL;
}
