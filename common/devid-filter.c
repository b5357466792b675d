// SPDX-License-Identifier: MIT
#include "common/devid-filter.h"

static bool has_stripe_on(const struct chunk_info *chunk, const uint64_t *ids,
			  int nr)
{
	int s, i;

	for (s = 0; s < chunk->num_stripes; s++)
		for (i = 0; i < nr; i++)
			if (chunk->stripes[s].devid == ids[i])
				return true;
	return false;
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
