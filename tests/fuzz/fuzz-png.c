// SPDX-License-Identifier: MIT
/*
 * libFuzzer: what diff does with a PNG from outside: read it whole with
 * its scan, then stream its rows again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "common/diff-side.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diff_side side = { .arg = "fuzz" };
	const uint8_t *row;
	uint32_t y;
	FILE *fp;

	if (!size)
		return 0;
	fp = fmemopen((void *)data, size, "rb");
	if (!fp)
		return 0;
	if (!diff_side_load(&side, fp) && !diff_side_rewind(&side))
		for (y = 0; y < side.height; y++)
			if (png_reader_next_row(&side.rd, &row))
				break;
	diff_side_release(&side);
	return 0;
}
