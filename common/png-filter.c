// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include "common/png-filter.h"

#define BPP	3	/* bytes a pixel: 8-bit RGB */

/* |b| with b read as a signed byte. */
static inline unsigned int sabs(uint8_t b)
{
	return b < 128 ? b : 256U - b;
}

uint8_t png_filter_row(uint8_t *row, const uint8_t *prev, size_t len)
{
	unsigned long none = 0, sub = 0, up = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		none += sabs(row[i]);
		sub += sabs((uint8_t)(row[i] - (i >= BPP ? row[i - BPP] : 0)));
		if (prev)
			up += sabs((uint8_t)(row[i] - prev[i]));
	}
	if (prev && up <= sub && up <= none) {
		for (i = 0; i < len; i++)
			row[i] = (uint8_t)(row[i] - prev[i]);
		return PNG_FILTER_TYPE_UP;
	}
	if (sub < none) {
		/* From the end: each byte still sees the unfiltered left one. */
		for (i = len; i-- > BPP;)
			row[i] = (uint8_t)(row[i] - row[i - BPP]);
		return PNG_FILTER_TYPE_SUB;
	}
	return PNG_FILTER_TYPE_NONE;
}
