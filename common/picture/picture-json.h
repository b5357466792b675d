/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_JSON_H
#define HEATMAP_PICTURE_JSON_H

#include <stdint.h>
#include "common/draw/grid.h"
#include "common/json-output.h"
#include "common/scan.h"

/*
 * Add "type" and "profile" of block group @flags to @o, as btrfs
 * filesystem df spells them ("Data", "single").
 */
void json_add_block_group_kind(json_object *o, uint64_t flags);

/*
 * The JSON document --format json prints for the picture @grid drawn
 * from @scan and written to @file: its geometry and what @scan says (the
 * devices with their size and unallocated bytes, allocated and used bytes
 * per type and profile, and for a bg picture every block group drawn).
 * The schema is in btrfs-heatmap-show(8).  Return it (the caller drops
 * it, json_output_print() does), or NULL when out of memory.
 */
json_object *picture_json_describe(const struct grid *grid,
				   const struct scan *scan, const char *file);

#endif
