// SPDX-License-Identifier: MIT
#include <stdbool.h>
#include <stdlib.h>
#include "common/draw/diff-pixels.h"

const char * const diff_class_names[] = {
	[DIFF_EQUAL] = "equal",
	[DIFF_ALLOCATED] = "allocated",
	[DIFF_FREED] = "freed",
	[DIFF_FILLED] = "filled",
	[DIFF_EMPTIED] = "emptied",
	[DIFF_TYPE_CHANGED] = "type_changed",
	[DIFF_NEW_SPACE] = "new_space",
	NULL
};

const struct rgb diff_colors[DIFF_NR_CLASSES] = {
	[DIFF_EQUAL] = { 0x60, 0x60, 0x60 },		/* brightest grey */
	[DIFF_ALLOCATED] = { 0x00, 0x9e, 0x73 },	/* bluish green */
	[DIFF_FREED] = { 0xd5, 0x5e, 0x00 },		/* vermillion */
	[DIFF_FILLED] = { 0x56, 0xb4, 0xe9 },		/* sky blue */
	[DIFF_EMPTIED] = { 0xe6, 0x9f, 0x00 },		/* orange */
	[DIFF_TYPE_CHANGED] = { 0xf0, 0xe4, 0x42 },	/* yellow */
	[DIFF_NEW_SPACE] = { 0x00, 0x72, 0xb2 },	/* blue */
};

static bool is_black(const uint8_t *p)
{
	return !p[0] && !p[1] && !p[2];
}

/*
 * The pictures' colours are a base colour times a brightness, each
 * channel rounded, so two shades of one hue are proportional up to half
 * a unit per channel: the cross products agree within that error.
 */
static bool same_hue(const uint8_t *a, const uint8_t *b)
{
	int i, j;
	long cross, tol;

	for (i = 0; i < 3; i++) {
		for (j = i + 1; j < 3; j++) {
			cross = (long)a[i] * b[j] - (long)a[j] * b[i];
			tol = (a[i] + a[j] + b[i] + b[j]) / 2 + 1;
			if (labs(cross) > tol)
				return false;
		}
	}
	return true;
}

enum diff_class diff_classify(const uint8_t *old, const uint8_t *new)
{
	int sum_old, sum_new;

	if (old[0] == new[0] && old[1] == new[1] && old[2] == new[2])
		return DIFF_EQUAL;
	if (is_black(old))
		return DIFF_ALLOCATED;
	if (is_black(new))
		return DIFF_FREED;
	if (!same_hue(old, new))
		return DIFF_TYPE_CHANGED;
	sum_old = old[0] + old[1] + old[2];
	sum_new = new[0] + new[1] + new[2];
	if (sum_new == sum_old)
		return DIFF_TYPE_CHANGED;
	return sum_new > sum_old ? DIFF_FILLED : DIFF_EMPTIED;
}

enum diff_class diff_classify_new_space(const uint8_t *new)
{
	return is_black(new) ? DIFF_NEW_SPACE : DIFF_ALLOCATED;
}

void diff_paint(enum diff_class c, const uint8_t *old, uint8_t *out)
{
	struct rgb color = diff_colors[c];
	int lum;

	if (c == DIFF_EQUAL) {
		/* Rec. 601 lightness, dimmed under the legend's colours. */
		lum = (299 * old[0] + 587 * old[1] + 114 * old[2]) / 1000;
		lum = is_black(old) ? 0 : 0x18 + lum * (DIFF_DIM_MAX - 0x18) / 255;
		color = (struct rgb){ lum, lum, lum };
	}
	out[0] = color.r;
	out[1] = color.g;
	out[2] = color.b;
}
