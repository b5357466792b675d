// SPDX-License-Identifier: MIT
/*
 * The PNG writer (png-io, png-bands, png-filter) on synthetic pictures:
 * each is written through png_write_rgb() and read back with libpng's
 * reader, which checks every chunk's CRC and the zlib stream's Adler-32;
 * the pixels must be the ones the row source painted.  The edge cases of
 * the bands: a 1x1 picture, a single band, a height that is not a multiple
 * of the band, rows wider than a band, runs of rows the same as the one
 * above (short ones and long ones, also up to the last row), pixels that
 * do not compress, and the same bytes on one processor as on all.
 */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <unistd.h>
#include <png.h>
#include "common/draw/png-io.h"
#include "tests/unit/unit.h"

/* The kinds of row a synthetic picture is made of. */
enum row_kind {
	ROW_STRIPES,	/* runs of colour, different each row */
	ROW_NOISE,	/* pseudo-random bytes: nothing to compress */
	ROW_REPEAT,	/* the pixels of the row above */
};

struct picture {
	uint32_t width;
	uint32_t height;
	enum row_kind (*kind)(uint32_t y);
	uint32_t fail_at;	/* next() fails at this row (if non-zero) */
	/* State of the row source. */
	uint32_t y;
	uint8_t *pixels;	/* what was painted, for the comparison */
};

static uint64_t rng_state;

static uint8_t rng8(void)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (uint8_t)(rng_state >> 56);
}

static void make_row(const struct picture *p, uint32_t y, uint8_t *row)
{
	size_t i, n = (size_t)p->width * 3;

	switch (p->kind(y)) {
	case ROW_NOISE:
		for (i = 0; i < n; i++)
			row[i] = rng8();
		break;
	case ROW_REPEAT:
		memcpy(row, row - n, n);
		break;
	case ROW_STRIPES:
		for (i = 0; i < n; i++)
			row[i] = (uint8_t)((i / 3 / (1 + y % 7)) * 37 +
					   (i % 3) * 80 + y);
		break;
	}
}

static int src_next(void *ctx)
{
	struct picture *p = ctx;
	size_t n = (size_t)p->width * 3;
	uint32_t y = p->y++;

	if (p->fail_at && y == p->fail_at)
		return -EINTR;
	make_row(p, y, p->pixels + y * n);
	return y && p->kind(y) == ROW_REPEAT ? PNG_ROW_SAME : PNG_ROW_NEW;
}

static void src_paint(void *ctx, uint8_t *row)
{
	struct picture *p = ctx;
	size_t n = (size_t)p->width * 3;

	memcpy(row, p->pixels + (size_t)(p->y - 1) * n, n);
}

static enum row_kind all_stripes(uint32_t y)
{
	(void)y;
	return ROW_STRIPES;
}

static enum row_kind all_noise(uint32_t y)
{
	(void)y;
	return ROW_NOISE;
}

/* Short and long runs of repeated rows, and a run up to the last row. */
static enum row_kind runs(uint32_t y)
{
	if (y < 3 || (y >= 40 && y < 45) || (y >= 300 && y < 310))
		return ROW_STRIPES;
	if (y >= 45 && y < 47)
		return ROW_NOISE;
	return y % 11 == 0 && y < 300 ? ROW_STRIPES : ROW_REPEAT;
}

/* As an upscaled picture: each row painted once, then repeated. */
static enum row_kind scaled(uint32_t y)
{
	return y % 8 ? ROW_REPEAT : ROW_STRIPES;
}

static char tmp_path[64];

/* Write @p to a temporary file; return png_write_rgb()'s result. */
static int write_picture(struct picture *p, FILE *fp)
{
	const struct png_row_source src = {
		.next = src_next, .paint = src_paint, .ctx = p,
	};

	rng_state = 42;
	p->y = 0;
	free(p->pixels);
	p->pixels = calloc((size_t)p->width * 3, p->height);
	if (!p->pixels)
		return -ENOMEM;
	return png_write_rgb(fp, p->width, p->height, &src, NULL);
}

/* A decoded picture, 3 bytes a pixel, rows top to bottom. */
struct png_image_rgb {
	uint32_t width;
	uint32_t height;
	uint8_t *pixels;
};

/* Read @path whole with libpng's simplified reader, which checks it all. */
static int png_read_rgb(const char *path, struct png_image_rgb *img)
{
	png_image image = { .version = PNG_IMAGE_VERSION };

	memset(img, 0, sizeof(*img));
	if (!png_image_begin_read_from_file(&image, path))
		return -EINVAL;
	image.format = PNG_FORMAT_RGB;
	img->pixels = malloc(PNG_IMAGE_SIZE(image));
	if (!img->pixels) {
		png_image_free(&image);
		return -ENOMEM;
	}
	if (!png_image_finish_read(&image, NULL, img->pixels, 0, NULL)) {
		free(img->pixels);
		img->pixels = NULL;
		png_image_free(&image);
		return -EINVAL;
	}
	img->width = image.width;
	img->height = image.height;
	return 0;
}

static void check_picture(struct picture *p)
{
	struct png_image_rgb img;
	FILE *fp;
	int fd, err;

	strcpy(tmp_path, "/tmp/test-png-bands-XXXXXX");
	fd = mkstemp(tmp_path);
	CHECK(fd >= 0);
	fp = fdopen(fd, "w");
	CHECK(fp);
	err = write_picture(p, fp);
	CHECK(fclose(fp) == 0);
	CHECK_INT(err, 0);
	err = png_read_rgb(tmp_path, &img);
	unlink(tmp_path);
	CHECK_INT(err, 0);
	CHECK_INT(img.width, p->width);
	CHECK_INT(img.height, p->height);
	err = memcmp(img.pixels, p->pixels, (size_t)p->width * 3 * p->height);
	free(img.pixels);
	CHECK_MSG(err == 0, "%ux%u: other pixels", p->width, p->height);
}

static void check_one(uint32_t width, uint32_t height,
		      enum row_kind (*kind)(uint32_t))
{
	struct picture p = { .width = width, .height = height, .kind = kind };

	check_picture(&p);
	free(p.pixels);
	if (unit_current_failed)
		UNIT_FAIL("  %ux%u", width, height);
}

static void test_one_pixel(void)
{
	CHECK_SUB(check_one(1, 1, all_stripes));
	CHECK_SUB(check_one(1, 1, all_noise));
}

static void test_single_band(void)
{
	CHECK_SUB(check_one(16, 10, all_stripes));
	CHECK_SUB(check_one(2, 2, scaled));
}

/* 1024 pixels: 85 rows a band; 200 rows is two bands and a part. */
static void test_height_not_multiple_of_band(void)
{
	CHECK_SUB(check_one(1024, 200, all_stripes));
	CHECK_SUB(check_one(1024, 171, all_noise));
	CHECK_SUB(check_one(1024, 1000, all_stripes));
	CHECK_SUB(check_one(1000, 333, all_stripes));
}

/* Rows wider than a band (32768 pixels: 96 KiB a row). */
static void test_wide_rows(void)
{
	CHECK_SUB(check_one(32768, 9, all_stripes));
	CHECK_SUB(check_one(32768, 40, scaled));
}

static void test_repeated_rows(void)
{
	CHECK_SUB(check_one(4096, 500, runs));
	CHECK_SUB(check_one(1024, 500, runs));
	CHECK_SUB(check_one(64, 500, runs));
	CHECK_SUB(check_one(8192, 256, scaled));
	CHECK_SUB(check_one(1, 4096, scaled));
}

/* Read all of @path. */
static uint8_t *slurp(const char *path, size_t *len)
{
	uint8_t *buf = NULL;
	FILE *fp = fopen(path, "r");
	long n;

	if (!fp)
		return NULL;
	if (fseek(fp, 0, SEEK_END) == 0 && (n = ftell(fp)) > 0) {
		rewind(fp);
		buf = malloc((size_t)n);
		if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(fp);
	return buf;
}

static uint8_t *write_bytes(struct picture *p, size_t *len)
{
	char path[64] = "/tmp/test-png-bands-XXXXXX";
	uint8_t *buf;
	FILE *fp;
	int fd, err;

	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	fp = fdopen(fd, "w");
	err = fp ? write_picture(p, fp) : -1;
	if (fp)
		fclose(fp);
	buf = err ? NULL : slurp(path, len);
	unlink(path);
	return buf;
}

/* The bands do not depend on the number of threads. */
static void test_same_bytes_on_one_processor(void)
{
	struct picture p = { .width = 1024, .height = 600, .kind = runs };
	cpu_set_t all, one;
	uint8_t *a, *b;
	size_t alen = 0, blen = 0;

	CHECK(sched_getaffinity(0, sizeof(all), &all) == 0);
	a = write_bytes(&p, &alen);
	CPU_ZERO(&one);
	CPU_SET(sched_getcpu(), &one);
	CHECK(sched_setaffinity(0, sizeof(one), &one) == 0);
	b = write_bytes(&p, &blen);
	CHECK(sched_setaffinity(0, sizeof(all), &all) == 0);
	free(p.pixels);
	CHECK(a && b);
	CHECK_INT(alen, blen);
	CHECK(memcmp(a, b, alen) == 0);
	free(a);
	free(b);
}

/* A row source that fails stops the picture with its error. */
static void test_row_source_error(void)
{
	struct picture p = { .width = 1024, .height = 600, .kind = runs,
			     .fail_at = 300 };
	FILE *fp = fopen("/dev/null", "w");
	int err;

	CHECK(fp);
	err = write_picture(&p, fp);
	fclose(fp);
	free(p.pixels);
	CHECK_INT(err, -EINTR);
}

/* A write that fails (a full disk) gives its errno, threads or not. */
static void test_write_error(void)
{
	struct picture p = { .width = 1024, .height = 600, .kind = all_noise };
	FILE *fp = fopen("/dev/full", "w");
	int err;

	CHECK(fp);
	err = write_picture(&p, fp);
	fclose(fp);
	free(p.pixels);
	CHECK_INT(err, -ENOSPC);
}

int main(void)
{
	RUN_TEST(test_one_pixel);
	RUN_TEST(test_single_band);
	RUN_TEST(test_height_not_multiple_of_band);
	RUN_TEST(test_wide_rows);
	RUN_TEST(test_repeated_rows);
	RUN_TEST(test_same_bytes_on_one_processor);
	RUN_TEST(test_row_source_error);
	RUN_TEST(test_write_error);
	return UNIT_DONE("png-bands");
}
