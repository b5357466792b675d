// SPDX-License-Identifier: MIT
#include <stdlib.h>
#include "common/btrfs/profiles.h"
#include "common/json-output.h"
#include "common/picture/picture-json.h"
#include "common/picture/scan-totals.h"
#include "common/scan.h"

void json_add_block_group_kind(json_object *o, uint64_t flags)
{
	json_add_string(o, "type", block_group_type_name(flags));
	json_add_string(o, "profile", block_group_profile_name(flags));
}

static json_object *geometry(const struct grid *grid)
{
	json_object *o = json_object_new_object();

	json_add_string(o, "curve", curve_names[grid->curve]);
	json_object_object_add(o, "order", json_object_new_int(grid->order));
	json_object_object_add(o, "size", json_object_new_int(grid->size));
	json_add_u64(o, "width", 1ULL << grid->size);
	json_add_u64(o, "height", 1ULL << grid->size);
	json_add_u64(o, "total_bytes", grid->total_bytes);
	json_object_object_add(o, "bytes_per_pixel",
			       json_object_new_double(grid->bytes_per_pixel));
	return o;
}

static json_object *devices(const struct scan *scan)
{
	json_object *arr = json_object_new_array(), *o;
	const struct scan_device *d;
	uint32_t i;

	for (i = 0; i < scan->nr_devices; i++) {
		d = &scan->devices[i];
		o = json_object_new_object();
		json_add_u64(o, "devid", d->devid);
		json_add_u64(o, "size", d->total_bytes);
		json_add_u64(o, "allocated", d->bytes_used);
		json_add_u64(o, "unallocated", d->total_bytes > d->bytes_used ?
			     d->total_bytes - d->bytes_used : 0);
		json_object_array_add(arr, o);
	}
	return arr;
}

/* Allocated and used bytes per type and profile, as btrfs fi df. */
static json_object *profiles(const struct scan *scan)
{
	json_object *arr = json_object_new_array(), *o;
	struct scan_profile_total *totals;
	uint32_t i, nr;

	if (!arr || scan_profile_totals(scan, &totals, &nr)) {
		json_object_put(arr);
		return NULL;
	}
	for (i = 0; i < nr; i++) {
		o = json_object_new_object();
		json_add_block_group_kind(o, totals[i].flags);
		json_add_u64(o, "allocated", totals[i].allocated);
		json_add_u64(o, "used", totals[i].used);
		json_object_array_add(arr, o);
	}
	free(totals);
	return arr;
}

static json_object *block_groups(const struct scan *scan)
{
	json_object *arr = json_object_new_array(), *o;
	const struct scan_block_group *bg;
	uint32_t i;

	for (i = 0; i < scan->nr_bgs; i++) {
		bg = &scan->bgs[i];
		o = json_object_new_object();
		json_add_u64(o, "vaddr", bg->vaddr);
		json_add_block_group_kind(o, bg->flags);
		json_add_u64(o, "length", bg->length);
		json_add_u64(o, "used", bg->used);
		json_object_array_add(arr, o);
	}
	return arr;
}

json_object *picture_json_describe(const struct grid *grid,
				   const struct scan *scan, const char *file)
{
	json_object *root = json_object_new_object();

	if (!root)
		return NULL;
	json_add_string(root, "command", scan->kind == SCAN_BG ? "bg" : "show");
	if (scan->kind != SCAN_BG)
		json_add_string(root, "sort", scan->kind == SCAN_SHOW_VIRTUAL ?
				"virtual" : "physical");
	json_add_string(root, "scope", scan->scope);
	json_add_string(root, "fsid", scan->fsid);
	json_add_u64(root, "time", scan->time);
	json_add_string(root, "file", file);
	json_object_object_add(root, "geometry", geometry(grid));
	json_object_object_add(root, "devices", devices(scan));
	json_object_object_add(root, "profiles", profiles(scan));
	if (scan->kind == SCAN_BG)
		json_object_object_add(root, "block_groups",
				       block_groups(scan));
	return root;
}
