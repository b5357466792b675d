/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PNG_BANDS_H
#define HEATMAP_PNG_BANDS_H

#include <stddef.h>
#include <stdint.h>

/*
 * The image data of a PNG (the zlib stream of its filtered rows), deflated
 * in bands of rows on all the processors: each band is filtered, summed
 * (Adler-32) and deflated on a worker thread, ends on a full flush so that
 * the bands concatenate, and the sums are combined with zlib's
 * adler32_combine().  The compressed bytes come back in order, on the
 * caller's thread, through a png_bands_out_fn.
 *
 * Bands of rows of pixels go to zlib, unfiltered, as libpng did; bands
 * mostly of rows the same as the one above (upscaled pictures), and all
 * the bands of rows wider than zlib's window, go to ISA-L's igzip, several
 * times faster, each row filtered None, Sub or Up.  A row with the pixels
 * of the row above is filtered Up into zeros, and a long run of them is
 * made of copies of one such run deflated once (the bands are independent,
 * so the same rows give the same bytes).  The output depends on the rows
 * only, not on the number of threads.
 */
struct png_bands;

/* Write @len bytes of the zlib stream; return 0 or -errno. */
typedef int (*png_bands_out_fn)(void *ctx, const uint8_t *data, size_t len);

/*
 * Start the stream of @height rows of @row_bytes bytes of RGB pixels.
 * Return 0 or -errno (-ENOMEM, or what creating a thread failed with).
 */
int png_bands_start(struct png_bands **pb, size_t row_bytes, uint32_t height,
		    png_bands_out_fn out, void *ctx);

/*
 * Set *@row to the place of the next row's pixels: write them there, then
 * call png_bands_add_row(@pb, 0).  Or call png_bands_add_row(@pb, 1)
 * without it when the row has the pixels of the one before (never the
 * first row).  Return 0 or -errno (from writing bands out to make room).
 */
int png_bands_row(struct png_bands *pb, uint8_t **row);

/*
 * Add the next row; after the last one, write what is left.  Return 0 or
 * -errno from the output function (then stop: the stream is incomplete).
 */
int png_bands_add_row(struct png_bands *pb, int same);

/* Stop the threads and free everything (also after an error). */
void png_bands_free(struct png_bands *pb);

#endif
