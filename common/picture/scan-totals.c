// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include "common/picture/scan-totals.h"

/*
 * Type and profile bits are the low eleven of the flags: a slot for each
 * value they can take sums any scan in one pass, however many block
 * groups and kinds a picture from outside claims.
 */
#define NR_PROFILE_VALUES	(SCAN_PROFILE_FLAGS + 1)
_Static_assert(NR_PROFILE_VALUES <= 4096 &&
	       !(NR_PROFILE_VALUES & (NR_PROFILE_VALUES - 1)),
	       "type and profile bits are the low bits of the flags");

int scan_profile_totals(const struct scan *scan,
			struct scan_profile_total **totals, uint32_t *nr)
{
	struct scan_profile_total *slots, *fit;
	uint32_t i, n = 0;
	uint8_t *seen;
	uint64_t flags;

	*totals = NULL;
	*nr = 0;
	if (!scan->nr_bgs)
		return 0;
	slots = calloc(NR_PROFILE_VALUES, sizeof(*slots));
	seen = calloc(NR_PROFILE_VALUES, 1);
	if (!slots || !seen) {
		free(slots);
		free(seen);
		return -ENOMEM;
	}
	for (i = 0; i < scan->nr_bgs; i++) {
		flags = scan->bgs[i].flags & SCAN_PROFILE_FLAGS;
		seen[flags] = 1;
		slots[flags].allocated += scan->bgs[i].length;
		slots[flags].used += scan->bgs[i].used;
	}
	/* The kinds seen, in order of their flags, to the front. */
	for (i = 0; i < NR_PROFILE_VALUES; i++) {
		if (!seen[i])
			continue;
		slots[n] = slots[i];
		slots[n++].flags = i;
	}
	free(seen);
	fit = realloc(slots, n * sizeof(*slots));
	*totals = fit ? fit : slots;
	*nr = n;
	return 0;
}
