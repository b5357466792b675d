// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <string.h>
#include "common/reclaim-sysfs.h"

const char * const reclaim_setting_names[RECLAIM_NR_SETTINGS] = {
	"bg_reclaim_threshold", "dynamic_reclaim", "periodic_reclaim",
};

/* Read the first line of @path into @buf; return 0 or -1. */
static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	int ret = -1;

	if (!f)
		return -1;
	if (fgets(buf, (int)len, f)) {
		buf[strcspn(buf, "\n")] = '\0';
		ret = 0;
	}
	fclose(f);
	return ret;
}

int reclaim_sysfs_read(const char *fs_dir, const char *type,
		       struct reclaim_settings *rs)
{
	char path[512];
	int i, nr = 0;

	memset(rs, 0, sizeof(*rs));
	for (i = 0; i < RECLAIM_NR_SETTINGS; i++) {
		if (snprintf(path, sizeof(path), "%s/allocation/%s/%s", fs_dir,
			     type, reclaim_setting_names[i]) >=
		    (int)sizeof(path))
			continue;
		if (read_line(path, rs->value[i], sizeof(rs->value[i])))
			continue;
		rs->present[i] = true;
		nr++;
	}
	return nr;
}

void reclaim_sysfs_format(const struct reclaim_settings *rs, char *buf,
			  size_t len)
{
	size_t used = 0;
	int i;

	buf[0] = '\0';
	for (i = 0; i < RECLAIM_NR_SETTINGS; i++) {
		if (!rs->present[i] || used >= len)
			continue;
		used += snprintf(buf + used, len - used, "%s%s %s",
				 used ? ", " : "", reclaim_setting_names[i],
				 rs->value[i]);
	}
}
