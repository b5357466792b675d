// SPDX-License-Identifier: MIT
/*
 * The diff's pixel classes, and its legend seen by colour-blind readers:
 * under the deuteranopia and protanopia simulations of Machado, Oliveira
 * and Fernandes (2009, severity 1), applied in linear RGB, every two
 * legend colours (and black) stay at least MIN_DELTA_E apart in CIELAB.
 */
#include <math.h>
#include "common/draw/diff-pixels.h"
#include "tests/unit/unit.h"

#define MIN_DELTA_E	15.0

static const double normal[3][3] = {
	{ 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 },
};
static const double protanopia[3][3] = {
	{ 0.152286, 1.052583, -0.204868 },
	{ 0.114503, 0.786281, 0.099216 },
	{ -0.003882, -0.048116, 1.051998 },
};
static const double deuteranopia[3][3] = {
	{ 0.367322, 0.860646, -0.227968 },
	{ 0.280085, 0.672501, 0.047413 },
	{ -0.011820, 0.042940, 0.968881 },
};

static double to_linear(uint8_t c)
{
	double v = c / 255.0;

	return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
}

static double lab_f(double t)
{
	return t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116;
}

/* sRGB colour @c as seen through @m, in CIELAB (D65). */
static void seen_as_lab(struct rgb c, const double m[3][3], double lab[3])
{
	const double lin[3] = { to_linear(c.r), to_linear(c.g), to_linear(c.b) };
	double s[3], x, y, z;
	int i;

	for (i = 0; i < 3; i++) {
		s[i] = m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2];
		s[i] = s[i] < 0 ? 0 : s[i] > 1 ? 1 : s[i];
	}
	x = (0.4124 * s[0] + 0.3576 * s[1] + 0.1805 * s[2]) / 0.95047;
	y = 0.2126 * s[0] + 0.7152 * s[1] + 0.0722 * s[2];
	z = (0.0193 * s[0] + 0.1192 * s[1] + 0.9505 * s[2]) / 1.08883;
	lab[0] = 116 * lab_f(y) - 16;
	lab[1] = 500 * (lab_f(x) - lab_f(y));
	lab[2] = 200 * (lab_f(y) - lab_f(z));
}

static double min_distance(const double m[3][3], int *wa, int *wb)
{
	struct rgb colors[DIFF_NR_CLASSES + 1];
	double la[3], lb[3], d, best = 1e9;
	int i, j, n = DIFF_NR_CLASSES;

	for (i = 0; i < n; i++)
		colors[i] = diff_colors[i];
	colors[n++] = color_black;
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n; j++) {
			seen_as_lab(colors[i], m, la);
			seen_as_lab(colors[j], m, lb);
			d = sqrt(pow(la[0] - lb[0], 2) + pow(la[1] - lb[1], 2) +
				 pow(la[2] - lb[2], 2));
			if (d < best) {
				best = d;
				*wa = i;
				*wb = j;
			}
		}
	}
	return best;
}

static void check_vision(const char *name, const double m[3][3])
{
	int a = 0, b = 0;
	double d = min_distance(m, &a, &b);

	printf("%s: closest legend colours %d and %d, delta E %.1f\n", name,
	       a, b, d);
	CHECK_MSG(d >= MIN_DELTA_E, "%s: %d and %d only %.1f apart", name, a,
		  b, d);
}

static void test_legend_distinguishable(void)
{
	CHECK_SUB(check_vision("normal", normal));
	CHECK_SUB(check_vision("deuteranopia", deuteranopia));
	CHECK_SUB(check_vision("protanopia", protanopia));
}

static void test_classify(void)
{
	static const uint8_t black[3] = { 0, 0, 0 };
	static const uint8_t white[3] = { 255, 255, 255 };
	static const uint8_t grey[3] = { 141, 141, 141 };	/* data, 50% */
	static const uint8_t blue[3] = { 0, 0, 230 };		/* metadata */
	static const uint8_t dim_blue[3] = { 0, 0, 26 };
	static const uint8_t red[3] = { 255, 0, 51 };		/* system */
	static const uint8_t dim_red[3] = { 26, 0, 5 };		/* rounded */

	CHECK_INT(diff_classify(grey, grey), DIFF_EQUAL);
	CHECK_INT(diff_classify(black, grey), DIFF_ALLOCATED);
	CHECK_INT(diff_classify(blue, black), DIFF_FREED);
	CHECK_INT(diff_classify(grey, white), DIFF_FILLED);
	CHECK_INT(diff_classify(blue, dim_blue), DIFF_EMPTIED);
	CHECK_INT(diff_classify(dim_red, red), DIFF_FILLED);
	CHECK_INT(diff_classify(grey, blue), DIFF_TYPE_CHANGED);
	CHECK_INT(diff_classify(red, white), DIFF_TYPE_CHANGED);
	/* Where the old side had no raw space at all. */
	CHECK_INT(diff_classify_new_space(black), DIFF_NEW_SPACE);
	CHECK_INT(diff_classify_new_space(grey), DIFF_ALLOCATED);
}

static void test_paint(void)
{
	static const uint8_t black[3] = { 0, 0, 0 };
	static const uint8_t white[3] = { 255, 255, 255 };
	uint8_t out[3];

	diff_paint(DIFF_EQUAL, black, out);
	CHECK(!out[0] && !out[1] && !out[2]);
	diff_paint(DIFF_EQUAL, white, out);
	CHECK_INT(out[0], DIFF_DIM_MAX);
	diff_paint(DIFF_FREED, white, out);
	CHECK_INT(out[0], diff_colors[DIFF_FREED].r);
}

int main(void)
{
	RUN_TEST(test_legend_distinguishable);
	RUN_TEST(test_classify);
	RUN_TEST(test_paint);
	return UNIT_DONE("test-diff-pixels");
}
