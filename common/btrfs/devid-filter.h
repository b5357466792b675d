/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DEVID_FILTER_H
#define HEATMAP_DEVID_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include "common/btrfs/chunk-items.h"

/* Which chunks a run may touch, by the devices of their stripes. */
struct devid_filter {
	uint64_t *only;		/* a stripe on one of these (none: any) */
	int nr_only;
	uint64_t *exclude;	/* no stripe on any of these */
	int nr_exclude;
};

/* How many stripes of @chunk are on one of the @nr devices @ids. */
int devid_stripes_on(const struct chunk_info *chunk, const uint64_t *ids,
		     int nr);

/* True when @chunk passes @filter (NULL passes everything). */
bool devid_filter_wants(const struct devid_filter *filter,
			const struct chunk_info *chunk);

/*
 * The first device of @filter that is not among the @nr_have devids
 * @have of the filesystem; 0 when every one is (devids start at 1).
 */
uint64_t devid_filter_missing(const struct devid_filter *filter,
			      const uint64_t *have, int nr_have);

#endif
