/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DIFF_PIXELS_H
#define HEATMAP_DIFF_PIXELS_H

#include <stdint.h>
#include "common/draw/colors.h"

/* What happened to one pixel between two pictures of one geometry. */
enum diff_class {
	DIFF_EQUAL,
	DIFF_ALLOCATED,		/* black before, coloured after */
	DIFF_FREED,		/* coloured before, black after */
	DIFF_FILLED,		/* same hue, brighter: more used */
	DIFF_EMPTIED,		/* same hue, darker: less used */
	DIFF_TYPE_CHANGED,	/* another hue */
	DIFF_NEW_SPACE,		/* raw space only after, unallocated */
	DIFF_NR_CLASSES,
};

extern const char * const diff_class_names[];

/*
 * The legend: Okabe and Ito's palette for colour-blind readers, over a
 * grey no brighter than DIFF_DIM_MAX for what stayed the same.
 */
extern const struct rgb diff_colors[DIFF_NR_CLASSES];
#define DIFF_DIM_MAX	0x60

/* Classify the pixel pair @old, @new (3 bytes each). */
enum diff_class diff_classify(const uint8_t *old, const uint8_t *new);

/*
 * Classify the pixel pair @old, @new where the old side had no raw space
 * (a device grew or was added since): new space, or allocated in it.
 */
enum diff_class diff_classify_new_space(const uint8_t *new);

/*
 * Paint the diff pixel of class @c into @out: the legend colour, or for
 * an equal pair a dimmed grey of @old's lightness (black stays black).
 */
void diff_paint(enum diff_class c, const uint8_t *old, uint8_t *out);

#endif
