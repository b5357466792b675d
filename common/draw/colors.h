/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_COLORS_H
#define HEATMAP_COLORS_H

#include <stddef.h>
#include <stdint.h>

struct rgb {
	uint8_t r;
	uint8_t g;
	uint8_t b;
};

/* The reference's palette. */
extern const struct rgb color_black;
extern const struct rgb color_white;

/*
 * Colour of allocated space by block group flags: data white, metadata
 * blue, system red, mixed data+metadata light blue.
 */
struct rgb block_group_color(uint64_t flags);

/* Colour of a metadata tree block by the tree that owns it. */
struct rgb tree_color(uint64_t root);

/* Fill @n pixels (RGB, 3 bytes each) at @p with @c. */
void rgb_fill(uint8_t *p, size_t n, struct rgb c);

#endif
