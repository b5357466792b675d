// SPDX-License-Identifier: MIT
/*
 * libFuzzer: the decoder of the scan embedded in our pictures, and what
 * diff --force does with a decoded one: lay it out and draw it again.
 */
#include <stddef.h>
#include <stdint.h>
#include "common/picture/scan-redraw.h"
#include "common/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_layout l;
	struct scan scan;
	struct grid grid;

	if (scan_decode(data, size, &scan))
		return 0;
	if (!scan_layout_union(&scan, &scan, &l)) {
		if (!scan_redraw(&scan, &l, false, &grid))
			grid_release(&grid);
		if (!scan_redraw(&scan, &l, true, &grid))
			grid_release(&grid);
		scan_layout_release(&l);
	}
	scan_release(&scan);
	return 0;
}
