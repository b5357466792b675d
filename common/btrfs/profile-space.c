// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/profile-space.h"

int profile_space_devices(int fd, struct dev_unallocated **ret)
{
	struct btrfs_ioctl_fs_info_args fi;
	struct btrfs_ioctl_dev_info_args di;
	struct dev_unallocated *devs;
	uint64_t devid;
	int nr = 0;

	memset(&fi, 0, sizeof(fi));
	if (ioctl(fd, BTRFS_IOC_FS_INFO, &fi) < 0)
		return -errno;
	if (fi.num_devices > 65536)
		return -EUCLEAN;
	devs = calloc(fi.num_devices ? fi.num_devices : 1, sizeof(*devs));
	if (!devs)
		return -ENOMEM;
	for (devid = 1; devid <= fi.max_id && nr < (int)fi.num_devices;
	     devid++) {
		memset(&di, 0, sizeof(di));
		di.devid = devid;
		if (ioctl(fd, BTRFS_IOC_DEV_INFO, &di) < 0) {
			if (errno == ENODEV)
				continue;
			free(devs);
			return -errno;
		}
		devs[nr].devid = devid;
		devs[nr].bytes = di.total_bytes > di.bytes_used ?
				 di.total_bytes - di.bytes_used : 0;
		nr++;
	}
	*ret = devs;
	return nr;
}

int profile_space_data_profile(int fd, uint64_t *profile)
{
	struct btrfs_ioctl_space_args head, *args;
	uint64_t best = 0, i;
	int ret = 0;

	*profile = 0;
	memset(&head, 0, sizeof(head));
	if (ioctl(fd, BTRFS_IOC_SPACE_INFO, &head) < 0)
		return -errno;
	if (head.total_spaces > 1024)
		return -EUCLEAN;
	args = calloc(1, sizeof(*args) + head.total_spaces *
		      sizeof(struct btrfs_ioctl_space_info));
	if (!args)
		return -ENOMEM;
	args->space_slots = head.total_spaces;
	if (ioctl(fd, BTRFS_IOC_SPACE_INFO, args) < 0) {
		ret = -errno;
		goto out;
	}
	for (i = 0; i < args->total_spaces && i < head.total_spaces; i++) {
		const struct btrfs_ioctl_space_info *s = &args->spaces[i];

		if (!(s->flags & BTRFS_BLOCK_GROUP_DATA) ||
		    s->total_bytes <= best)
			continue;
		best = s->total_bytes;
		*profile = s->flags & BTRFS_BLOCK_GROUP_PROFILE_MASK;
	}
out:
	free(args);
	return ret;
}

/* Devices a chunk of @profile needs at least and takes at most (0: all). */
static void profile_devs(uint64_t profile, int *min, int *max, int *mult)
{
	*mult = 1;
	if (profile & BTRFS_BLOCK_GROUP_RAID1) {
		*min = *max = 2;
	} else if (profile & BTRFS_BLOCK_GROUP_RAID1C3) {
		*min = *max = 3;
	} else if (profile & BTRFS_BLOCK_GROUP_RAID1C4) {
		*min = *max = 4;
	} else if (profile & BTRFS_BLOCK_GROUP_RAID10) {
		*min = 2;
		*max = 0;
		*mult = 2;	/* mirrored pairs */
	} else if (profile & BTRFS_BLOCK_GROUP_RAID5) {
		*min = 2;
		*max = 0;
	} else if (profile & BTRFS_BLOCK_GROUP_RAID6) {
		*min = 3;
		*max = 0;
	} else if (profile & BTRFS_BLOCK_GROUP_RAID0) {
		*min = 1;
		*max = 0;
	} else {
		*min = *max = 1;	/* single, DUP: one device each */
	}
}

struct dev_left {
	uint64_t bytes;
	int idx;		/* into the caller's array */
};

static int cmp_left_desc(const void *a, const void *b)
{
	const struct dev_left *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return x->idx - y->idx;
}

/*
 * Fill @nr devices of @dev with chunks of @profile as the allocator does;
 * return the bytes taken, and with @left what each device keeps that no
 * new chunk can use.
 */
static uint64_t fill(uint64_t profile, const struct dev_unallocated *dev,
		     int nr, uint64_t step, uint64_t *left)
{
	uint64_t usable = 0, take, sum = 0;
	struct dev_left *free_bytes;
	int min, max, mult, n, i;

	profile_devs(profile, &min, &max, &mult);
	if (min == 1 && max == 1) {
		/* Every device takes such chunks on its own. */
		for (i = 0; i < nr; i++) {
			usable += dev[i].bytes;
			if (left)
				left[i] = 0;
		}
		return usable;
	}
	free_bytes = malloc((nr ? nr : 1) * sizeof(*free_bytes));
	if (!free_bytes)
		return 0;
	for (i = 0; i < nr; i++) {
		free_bytes[i] = (struct dev_left){ dev[i].bytes, i };
		sum += dev[i].bytes;
	}
	if (!step) {
		step = sum / 4096;
		if (step > 1024ULL * 1024 * 1024)
			step = 1024ULL * 1024 * 1024;
		if (step < 1024 * 1024)
			step = 1024 * 1024;
	}
	for (;;) {
		qsort(free_bytes, nr, sizeof(*free_bytes), cmp_left_desc);
		for (n = 0; n < nr && free_bytes[n].bytes; n++)
			;
		if (max && n > max)
			n = max;
		n -= n % mult;
		if (n < min || !n)
			break;
		take = free_bytes[n - 1].bytes < step ?
		       free_bytes[n - 1].bytes : step;
		for (i = 0; i < n; i++)
			free_bytes[i].bytes -= take;
		usable += take * n;
	}
	for (i = 0; left && i < nr; i++)
		left[free_bytes[i].idx] = free_bytes[i].bytes;
	free(free_bytes);
	return usable;
}

uint64_t profile_space_usable(uint64_t profile, const struct dev_unallocated *dev,
			      int nr, uint64_t step)
{
	return fill(profile, dev, nr, step, NULL);
}

int profile_space_short(uint64_t profile, const struct dev_unallocated *dev,
			int nr, uint64_t step, bool *is_short)
{
	uint64_t *left;
	int i, nr_short = 0, nr_rich = 0;

	left = calloc(nr ? nr : 1, sizeof(*left));
	if (!left)
		return -ENOMEM;
	fill(profile, dev, nr, step, left);
	for (i = 0; i < nr; i++) {
		is_short[i] = !left[i];
		if (left[i])
			nr_rich++;
		else
			nr_short++;
	}
	free(left);
	if (!nr_rich || !nr_short) {
		for (i = 0; i < nr; i++)
			is_short[i] = false;
		return 0;
	}
	return nr_short;
}
