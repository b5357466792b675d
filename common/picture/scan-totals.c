// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include "common/picture/scan-totals.h"

static int cmp_flags(const void *a, const void *b)
{
	const struct scan_profile_total *x = a, *y = b;

	return x->flags < y->flags ? -1 : x->flags > y->flags;
}

int scan_profile_totals(const struct scan *scan,
			struct scan_profile_total **totals, uint32_t *nr)
{
	struct scan_profile_total *t = NULL, *grown;
	uint32_t i, j, n = 0;
	uint64_t flags;

	*totals = NULL;
	*nr = 0;
	for (i = 0; i < scan->nr_bgs; i++) {
		flags = scan->bgs[i].flags & SCAN_PROFILE_FLAGS;
		/* A filesystem has a handful: a linear search will do. */
		for (j = 0; j < n && t[j].flags != flags; j++)
			;
		if (j == n) {
			grown = realloc(t, (n + 1) * sizeof(*t));
			if (!grown) {
				free(t);
				return -ENOMEM;
			}
			t = grown;
			t[n++] = (struct scan_profile_total){ .flags = flags };
		}
		t[j].allocated += scan->bgs[i].length;
		t[j].used += scan->bgs[i].used;
	}
	if (n)
		qsort(t, n, sizeof(*t), cmp_flags);
	*totals = t;
	*nr = n;
	return 0;
}
