/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PROFILE_SPACE_H
#define HEATMAP_PROFILE_SPACE_H

#include <stdbool.h>
#include <stdint.h>

/* Unallocated raw space of one device. */
struct dev_unallocated {
	uint64_t devid;
	uint64_t bytes;
};

/*
 * The unallocated space of each device of the filesystem open at @fd
 * (BTRFS_IOC_FS_INFO, BTRFS_IOC_DEV_INFO), into a new array *@ret in
 * devid order.  Return the count or -errno.
 */
int profile_space_devices(int fd, struct dev_unallocated **ret);

/*
 * The profile (BTRFS_BLOCK_GROUP_* profile bits, 0 for single) of the
 * data chunks, as BTRFS_IOC_SPACE_INFO tells: the one with the most
 * bytes when there are several (half way through a conversion).  With
 * no data chunks at all, single.  Return 0 or -errno.
 */
int profile_space_data_profile(int fd, uint64_t *profile);

/*
 * How many of the raw bytes unallocated on @nr devices @dev new chunks of
 * @profile can still take, copies and parity included: each chunk needs
 * its stripes on different devices (two on one for DUP), so space left
 * on a device that has no partner is not usable.  Fills the devices with
 * most space first, as the kernel's chunk allocator does, in steps of
 * at most @step bytes per device (0: a default of 1 GiB or less).
 */
uint64_t profile_space_usable(uint64_t profile, const struct dev_unallocated *dev,
			      int nr, uint64_t step);

/*
 * Which of the @nr devices of @dev lack usable unallocated space: when
 * new chunks of @profile cannot use all of the unallocated space (some
 * device has room no other device can pair with), the devices whose space
 * runs out first are the ones short of it, and *@is_short (one per
 * device) says which.  Return how many are short: 0 when all the space is
 * usable (or none is left anywhere), -ENOMEM.
 */
int profile_space_short(uint64_t profile, const struct dev_unallocated *dev,
			int nr, uint64_t step, bool *is_short);

#endif
