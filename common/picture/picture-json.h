/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_JSON_H
#define HEATMAP_PICTURE_JSON_H

#include <stdint.h>
#include "common/draw/grid.h"
#include "common/json-output.h"

/*
 * Add "type" and "profile" of block group @flags to @o, as btrfs
 * filesystem df spells them ("Data", "single").
 */
void json_add_block_group_kind(json_object *o, uint64_t flags);

/*
 * Print, as one JSON document on standard output, what the picture @grid
 * written to @file shows: its geometry and what its scan says (the
 * devices with their size and unallocated bytes, allocated and used bytes
 * per type and profile, and for a bg picture every block group drawn).
 * The schema is in btrfs-heatmap-show(8).  Return 0 or -errno: -ENODATA
 * when @grid carries no scan.
 */
int picture_json_print(const struct grid *grid, const char *file);

#endif
