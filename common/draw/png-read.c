// SPDX-License-Identifier: MIT
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include "common/draw/png-read.h"
#include "common/scan.h"

static void read_warn_silently(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* No "libpng error" line: the command prints the one error line. */
static void read_fail_silently(png_structp png, png_const_charp msg)
{
	(void)msg;
	png_longjmp(png, 1);
}

/* Chunks we never need: libpng skips them unread, text bombs included. */
static const png_byte ignored_chunks[] =
	"bKGD\0cHRM\0eXIf\0gAMA\0hIST\0iCCP\0iTXt\0oFFs\0pCAL\0pHYs\0"
	"sBIT\0sCAL\0sPLT\0sRGB\0tEXt\0tIME\0zTXt";

int png_reader_open(struct png_reader *r, FILE *fp)
{
	uint8_t sig[8];
	png_uint_32 w, h;
	int depth, color;

	memset(r, 0, sizeof(*r));
	if (fread(sig, 1, sizeof(sig), fp) != sizeof(sig) ||
	    png_sig_cmp(sig, 0, sizeof(sig)))
		return ferror(fp) ? -EIO : -EINVAL;
	r->png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL,
					read_fail_silently, read_warn_silently);
	if (!r->png)
		return -ENOMEM;
	r->info = png_create_info_struct(r->png);
	if (!r->info) {
		png_reader_close(r);
		return -ENOMEM;
	}
	if (setjmp(png_jmpbuf(r->png))) {
		png_reader_close(r);
		return -EINVAL;
	}
	png_init_io(r->png, fp);
	png_set_sig_bytes(r->png, sizeof(sig));
	png_set_user_limits(r->png, PNG_READ_MAX_SIDE, PNG_READ_MAX_SIDE);
	png_set_chunk_malloc_max(r->png, SCAN_ENCODED_MAX + 1024);
	png_set_chunk_cache_max(r->png, 32);
	/* A damaged chunk, ours included, fails the file, not dropped. */
	png_set_crc_action(r->png, PNG_CRC_ERROR_QUIT, PNG_CRC_ERROR_QUIT);
	png_set_keep_unknown_chunks(r->png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
	png_set_keep_unknown_chunks(r->png, PNG_HANDLE_CHUNK_NEVER,
				    ignored_chunks, sizeof(ignored_chunks) / 5);
	png_set_keep_unknown_chunks(r->png, PNG_HANDLE_CHUNK_ALWAYS,
				    (png_const_bytep)SCAN_CHUNK_NAME, 1);
	png_read_info(r->png, r->info);
	png_get_IHDR(r->png, r->info, &w, &h, &depth, &color, NULL, NULL,
		     NULL);
	if (png_get_interlace_type(r->png, r->info) != PNG_INTERLACE_NONE)
		png_error(r->png, "interlaced");
	/* Whatever it holds, as 8-bit RGB. */
	if (color == PNG_COLOR_TYPE_PALETTE)
		png_set_palette_to_rgb(r->png);
	if (color == PNG_COLOR_TYPE_GRAY || color == PNG_COLOR_TYPE_GRAY_ALPHA)
		png_set_gray_to_rgb(r->png);
	if (depth < 8)
		png_set_expand(r->png);
	if (depth == 16)
		png_set_strip_16(r->png);
	png_set_strip_alpha(r->png);
	png_read_update_info(r->png, r->info);
	if (png_get_rowbytes(r->png, r->info) != (size_t)w * 3)
		png_error(r->png, "not RGB");
	r->width = w;
	r->height = h;
	r->row = malloc((size_t)w * 3);
	if (!r->row) {
		png_reader_close(r);
		return -ENOMEM;
	}
	return 0;
}

int png_reader_next_row(struct png_reader *r, const uint8_t **row)
{
	if (r->y >= r->height)
		return -EINVAL;
	if (setjmp(png_jmpbuf(r->png)))
		return -EINVAL;
	png_read_row(r->png, r->row, NULL);
	r->y++;
	*row = r->row;
	return 0;
}

int png_reader_finish(struct png_reader *r, uint8_t **chunk, size_t *len)
{
	png_unknown_chunkp unknowns;
	const uint8_t *row;
	int n, i, err;

	*chunk = NULL;
	*len = 0;
	while (r->y < r->height) {
		err = png_reader_next_row(r, &row);
		if (err)
			return err;
	}
	if (setjmp(png_jmpbuf(r->png)))
		return -EINVAL;
	png_read_end(r->png, r->info);
	n = png_get_unknown_chunks(r->png, r->info, &unknowns);
	for (i = 0; i < n; i++) {
		if (memcmp(unknowns[i].name, SCAN_CHUNK_NAME, 4))
			continue;
		/* Two scans in one picture: which one would be true? */
		if (*chunk) {
			free(*chunk);
			*chunk = NULL;
			return -EINVAL;
		}
		*chunk = malloc(unknowns[i].size ? unknowns[i].size : 1);
		if (!*chunk)
			return -ENOMEM;
		memcpy(*chunk, unknowns[i].data, unknowns[i].size);
		*len = unknowns[i].size;
	}
	return 0;
}

void png_reader_close(struct png_reader *r)
{
	if (r->png)
		png_destroy_read_struct(&r->png, r->info ? &r->info : NULL,
					NULL);
	free(r->row);
	memset(r, 0, sizeof(*r));
}

int png_read_scan(FILE *fp, uint32_t *width, uint32_t *height,
		  struct scan *scan, bool *has_scan)
{
	struct png_reader r;
	uint8_t *chunk;
	size_t len;
	int err;

	*has_scan = false;
	err = png_reader_open(&r, fp);
	if (err)
		return err;
	*width = r.width;
	*height = r.height;
	err = png_reader_finish(&r, &chunk, &len);
	png_reader_close(&r);
	if (err || !chunk)
		return err;
	err = scan_decode(chunk, len, scan);
	free(chunk);
	if (err == -EINVAL)
		return -EBADMSG;
	if (err)
		return err;
	*has_scan = true;
	/* A scan must describe the picture it is in. */
	if (*width != *height || *width != 1U << scan->size)
		return -EBADMSG;
	return 0;
}
