// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "common/picture/picture-scan.h"

int space_map_draw_scan(const struct btrfs_fs *fs,
			const struct space_map_options *opts,
			struct grid *grid, const uint64_t **missing_devid,
			struct scan *scan)
{
	struct space_map_options o = *opts;
	size_t pos;
	int i, err;

	scan_init(scan, opts->sort == SORT_VIRTUAL ? SCAN_SHOW_VIRTUAL :
						     SCAN_SHOW_PHYSICAL,
		  fs->fsid);
	pos = snprintf(scan->scope, sizeof(scan->scope), "--sort %s",
		       space_map_sort_names[opts->sort]);
	for (i = 0; i < opts->nr_devids && pos < sizeof(scan->scope); i++)
		pos += snprintf(scan->scope + pos, sizeof(scan->scope) - pos,
				" --device %llu",
				(unsigned long long)opts->devids[i]);
	o.scan = scan;
	err = space_map_draw(fs, &o, grid, missing_devid);
	if (err)
		scan_release(scan);
	return err;
}

int scan_block_groups(const struct btrfs_fs *fs,
		      const struct block_group_info *bgs, int nr,
		      const struct grid *grid, const char *scope,
		      struct scan *scan)
{
	struct device_info *devs;
	int nr_devs, i, err = 0;

	scan_init(scan, SCAN_BG, fs->fsid);
	snprintf(scan->scope, sizeof(scan->scope), "%s", scope);
	scan->curve = grid->curve;
	scan->order = grid->order;
	scan->size = grid->size;
	scan->total_bytes = grid->total_bytes;
	nr_devs = read_devices(fs, &devs);
	if (nr_devs < 0) {
		scan_release(scan);
		return nr_devs;
	}
	for (i = 0; !err && i < nr_devs; i++)
		err = scan_add_device(scan, devs[i].devid, devs[i].total_bytes,
				      devs[i].bytes_used);
	free(devs);
	for (i = 0; !err && i < nr; i++)
		err = scan_add_block_group(scan, bgs[i].vaddr, bgs[i].length,
					   bgs[i].flags, bgs[i].used);
	if (!err)
		err = scan_finish(scan);
	if (err)
		scan_release(scan);
	return err;
}

int picture_attach_scan(struct grid *grid, struct scan *scan)
{
	scan_job_free(grid->scan_job);
	return scan_job_start(scan, &grid->scan_job);
}
