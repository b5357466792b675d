/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DEVID_FILTER_H
#define HEATMAP_DEVID_FILTER_H

#include <stdbool.h>
#include <stdint.h>
#include "common/items.h"

/* Which chunks a run may touch, by the devices of their stripes. */
struct devid_filter {
	uint64_t *only;		/* a stripe on one of these (none: any) */
	int nr_only;
	uint64_t *exclude;	/* no stripe on any of these */
	int nr_exclude;
};

/* True when @chunk passes @filter (NULL passes everything). */
bool devid_filter_wants(const struct devid_filter *filter,
			const struct chunk_info *chunk);

#endif
