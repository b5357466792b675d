// SPDX-License-Identifier: MIT
#include "common/btrfs/devid-filter.h"

int devid_stripes_on(const struct chunk_info *chunk, const uint64_t *ids,
		     int nr)
{
	int s, i, n = 0;

	for (s = 0; s < chunk->num_stripes; s++)
		for (i = 0; i < nr; i++)
			if (chunk->stripes[s].devid == ids[i])
				n++;
	return n;
}

static bool has_stripe_on(const struct chunk_info *chunk, const uint64_t *ids,
			  int nr)
{
	return devid_stripes_on(chunk, ids, nr) > 0;
}

bool devid_filter_wants(const struct devid_filter *filter,
			const struct chunk_info *chunk)
{
	if (!filter)
		return true;
	if (filter->nr_only &&
	    !has_stripe_on(chunk, filter->only, filter->nr_only))
		return false;
	return !has_stripe_on(chunk, filter->exclude, filter->nr_exclude);
}

/* The first of @ids not in @have; 0 when all are. */
static uint64_t first_missing(const uint64_t *ids, int nr,
			      const uint64_t *have, int nr_have)
{
	int i, j;

	for (i = 0; i < nr; i++) {
		for (j = 0; j < nr_have && have[j] != ids[i]; j++)
			;
		if (j == nr_have)
			return ids[i];
	}
	return 0;
}

uint64_t devid_filter_missing(const struct devid_filter *filter,
			      const uint64_t *have, int nr_have)
{
	uint64_t id;

	id = first_missing(filter->only, filter->nr_only, have, nr_have);
	if (!id)
		id = first_missing(filter->exclude, filter->nr_exclude, have,
				   nr_have);
	return id;
}
