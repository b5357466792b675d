/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_RECLAIM_SYSFS_H
#define HEATMAP_RECLAIM_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

/*
 * The kernel's own block group reclaim, as sysfs shows its settings in
 * /sys/fs/btrfs/<uuid>/allocation/{data,metadata}/: bg_reclaim_threshold
 * (5.19), dynamic_reclaim and periodic_reclaim (6.11).  Each is there or
 * not, depending on the kernel.
 */
enum { RECLAIM_NR_SETTINGS = 3 };

extern const char * const reclaim_setting_names[RECLAIM_NR_SETTINGS];

struct reclaim_settings {
	bool present[RECLAIM_NR_SETTINGS];
	char value[RECLAIM_NR_SETTINGS][24];
};

/*
 * Read the settings of @type ("data" or "metadata") under @fs_dir, the
 * filesystem's sysfs directory ("/sys/fs/btrfs/<uuid>").  A file that is
 * missing or unreadable is not present; a value is its first line, cut
 * at the buffer.  Return how many are present.
 */
int reclaim_sysfs_read(const char *fs_dir, const char *type,
		       struct reclaim_settings *rs);

/*
 * Format the present settings as "bg_reclaim_threshold 75,
 * dynamic_reclaim 0, periodic_reclaim 1" into @buf.
 */
void reclaim_sysfs_format(const struct reclaim_settings *rs, char *buf,
			  size_t len);

#endif
