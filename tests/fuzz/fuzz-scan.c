// SPDX-License-Identifier: MIT
/* libFuzzer: the decoder of the scan embedded in our pictures. */
#include <stddef.h>
#include <stdint.h>
#include "common/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan scan;

	if (!scan_decode(data, size, &scan))
		scan_release(&scan);
	return 0;
}
