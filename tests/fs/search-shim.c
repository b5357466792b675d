// SPDX-License-Identifier: MIT
/*
 * LD_PRELOAD shim that spoils the kernel's replies to the tree search, to
 * see that a wrong reply is refused and not trusted:
 * HEATMAP_SEARCH_SHIM=long: the first item claims to be longer than the
 * buffer it came in.
 * HEATMAP_SEARCH_SHIM=backwards: every item has the key (0, 0, 0), before
 * the key the search asked from.
 * HEATMAP_SEARCH_SHIM=many: the reply counts a thousand items more than
 * it holds.
 * HEATMAP_SEARCH_SHIM=eio5: the fifth search of the extent tree for more
 * than one item fails with EIO, whichever thread makes it: one of the
 * parts of the extents of a block group, read ahead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/btrfs.h>
#include <linux/btrfs_tree.h>
#include "ioctl-shim.h"

static void spoil(struct btrfs_ioctl_search_args_v2 *args, const char *mode)
{
	struct btrfs_ioctl_search_header sh;
	char *p = (char *)args->buf;
	__u32 i;

	if (!args->key.nr_items)
		return;
	if (strcmp(mode, "many") && strcmp(mode, "long") &&
	    strcmp(mode, "backwards"))
		return;
	if (!strcmp(mode, "many")) {
		args->key.nr_items += 1000;
		return;
	}
	for (i = 0; i < args->key.nr_items; i++) {
		memcpy(&sh, p, sizeof(sh));
		if (!strcmp(mode, "long")) {
			sh.len = (__u32)args->buf_size;
			memcpy(p, &sh, sizeof(sh));
			return;
		}
		p += sizeof(sh) + sh.len;
		sh.objectid = 0;
		sh.type = 0;
		sh.offset = 0;
		memcpy(p - sh.len - sizeof(sh), &sh, sizeof(sh));
	}
}

static int shim_ioctl(int fd, unsigned long request, void *arg)
{
	const char *mode = getenv("HEATMAP_SEARCH_SHIM");
	const struct btrfs_ioctl_search_args_v2 *args = arg;
	static int extent_searches;
	int ret;

	if (request == BTRFS_IOC_TREE_SEARCH_V2 && mode &&
	    !strcmp(mode, "eio5") &&
	    args->key.tree_id == BTRFS_EXTENT_TREE_OBJECTID &&
	    args->key.nr_items > 1 &&
	    __atomic_add_fetch(&extent_searches, 1, __ATOMIC_RELAXED) == 5) {
		errno = EIO;
		return -1;
	}
	ret = real_ioctl(fd, request, arg);

	if (ret == 0 && request == BTRFS_IOC_TREE_SEARCH_V2 && mode)
		spoil(arg, mode);
	return ret;
}
