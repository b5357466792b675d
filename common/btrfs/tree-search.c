// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include "common/btrfs/image-tree.h"
#include "common/btrfs/open-utils.h"
#include "common/btrfs/search-ahead.h"
#include "common/signals.h"
#include "common/btrfs/tree-search.h"
#include "kernel-lib/array-grow.h"
#include "kernel-lib/kernel.h"
#include "kernel-lib/sizes.h"

/*
 * Valgrind knows BTRFS_IOC_TREE_SEARCH_V2 only by the size in its number,
 * the header: tell it the kernel filled the buffer after it too.  Nothing
 * without valgrind's header, a few instructions outside valgrind.
 */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#endif
#endif
#ifndef VALGRIND_MAKE_MEM_DEFINED
#define VALGRIND_MAKE_MEM_DEFINED(addr, len) ((void)(addr), (void)(len))
#endif

/*
 * 1 MiB holds thousands of items: few ioctls per tree, and still small
 * next to what the kernel allows (16 MiB).
 */
#define SEARCH_BUF_SIZE		SZ_1M
#define SEARCH_BUF_MAX		SZ_16M

int tree_key_cmp(const struct tree_key *a, const struct tree_key *b)
{
	if (a->objectid != b->objectid)
		return a->objectid < b->objectid ? -1 : 1;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->offset != b->offset)
		return a->offset < b->offset ? -1 : 1;
	return 0;
}

int tree_key_increment(struct tree_key *key)
{
	if (++key->offset)
		return 1;
	if (++key->type)
		return 1;
	return ++key->objectid != 0;
}

/*
 * The kernel's reply is checked like any input.  An item that runs past
 * the buffer would be read beyond it; a key outside the search, or not
 * after the one we asked from, would make the search go round forever.
 * @room is what the buffer holds after the header.
 */
static int check_reply_item(const struct btrfs_ioctl_search_header *sh,
			    size_t room, const struct tree_key *min,
			    const struct tree_key *max)
{
	struct tree_key key = {
		.objectid = sh->objectid,
		.type = (uint8_t)sh->type,
		.offset = sh->offset,
	};

	if (sh->len > room || sh->type > UINT8_MAX ||
	    tree_key_cmp(&key, min) < 0 || tree_key_cmp(&key, max) > 0)
		return -EIO;
	return 0;
}

static int alloc_args(struct btrfs_ioctl_search_args_v2 **args,
		      size_t *buf_size, size_t size)
{
	struct btrfs_ioctl_search_args_v2 *p;

	p = realloc(*args, sizeof(*p) + size);
	if (!p)
		return -ENOMEM;
	*args = p;
	*buf_size = size;
	return 0;
}

int tree_search_init(struct tree_search *ts, const struct btrfs_fs *fs,
		     uint64_t tree, const struct tree_key *min,
		     const struct tree_key *max, uint64_t limit)
{
	memset(ts, 0, sizeof(*ts));
	ts->fd = fs->fd;
	if (fs->image) {
		ts->limit = limit ? limit : UINT64_MAX;
		ts->image = malloc(sizeof(*ts->image));
		if (!ts->image)
			return -ENOMEM;
		return image_search_init(ts->image, fs->image, tree, min, max);
	}
	ts->tree = tree;
	ts->min = *min;
	ts->max = *max;
	ts->limit = limit ? limit : UINT64_MAX;
	ts->unlimited = !limit;
	ts->ahead_after = 2;
	return alloc_args(&ts->args, &ts->buf_size, SEARCH_BUF_SIZE);
}

/* The ioctl's key for at most @nr items of [@min, @max] of @tree. */
static void set_search_key(struct btrfs_ioctl_search_key *sk, uint64_t tree,
			   const struct tree_key *min,
			   const struct tree_key *max, uint32_t nr)
{
	memset(sk, 0, sizeof(*sk));
	sk->tree_id = tree;
	sk->min_objectid = min->objectid;
	sk->min_type = min->type;
	sk->min_offset = min->offset;
	sk->max_objectid = max->objectid;
	sk->max_type = max->type;
	sk->max_offset = max->offset;
	sk->max_transid = UINT64_MAX;
	sk->nr_items = nr;
}

int tree_search_fetch(int fd, uint64_t tree, const struct tree_key *min,
		      const struct tree_key *max, uint64_t limit,
		      struct btrfs_ioctl_search_args_v2 **args,
		      size_t *buf_size)
{
	struct btrfs_ioctl_search_key *sk;
	uint32_t asked;
	int err;

	if (!*args) {
		err = alloc_args(args, buf_size, SEARCH_BUF_SIZE);
		if (err)
			return err;
	}
	asked = limit < UINT32_MAX ? (uint32_t)limit : UINT32_MAX;
	for (;;) {
		/* Again each time: growing the buffer may move it. */
		sk = &(*args)->key;
		set_search_key(sk, tree, min, max, asked);
		(*args)->buf_size = *buf_size;
		if (signal_received)
			return -EINTR;
		if (ioctl(fd, BTRFS_IOC_TREE_SEARCH_V2, *args) == 0) {
			VALGRIND_MAKE_MEM_DEFINED((*args)->buf, *buf_size);
			/* Never more than we asked for. */
			return sk->nr_items > asked ? -EIO : 0;
		}
		/* One item larger than the buffer: the kernel says how large. */
		if (errno == EOVERFLOW && (*args)->buf_size > *buf_size &&
		    (*args)->buf_size <= SEARCH_BUF_MAX) {
			err = alloc_args(args, buf_size, (*args)->buf_size);
			if (err)
				return err;
			continue;
		}
		return -errno;
	}
}

/*
 * The next buffer of items.  From the third one on (a long search; from
 * the first when the caller says it is long), unless a limit counts the
 * items, threads read the rest ahead (search-ahead.h).
 */
static int search_more(struct tree_search *ts)
{
	int err;

	if (!ts->ahead && ts->fetches == ts->ahead_after && ts->unlimited)
		search_ahead_start(&ts->ahead, ts->fd, ts->tree, &ts->min,
				   &ts->max);
	if (ts->ahead)
		err = search_ahead_take(ts->ahead, &ts->args, &ts->buf_size);
	else
		err = tree_search_fetch(ts->fd, ts->tree, &ts->min, &ts->max,
					ts->limit, &ts->args, &ts->buf_size);
	if (err)
		return err;
	ts->fetches++;
	ts->nr_items = ts->args->key.nr_items;
	ts->next_item = 0;
	ts->pos = 0;
	if (ts->nr_items == 0)
		ts->done = 1;
	return 0;
}

int tree_search_next(struct tree_search *ts, struct tree_item *item)
{
	struct btrfs_ioctl_search_header sh;
	const char *p;
	int err;

	if (ts->image) {
		if (ts->limit == 0)
			return 0;
		err = image_search_next(ts->image, item);
		if (err > 0)
			ts->limit--;
		return err;
	}
	if (ts->next_item >= ts->nr_items) {
		if (ts->done || ts->limit == 0)
			return 0;
		err = search_more(ts);
		if (err)
			return err;
		if (ts->done)
			return 0;
	}
	/* Headers follow items of any length: copy, they may be unaligned. */
	if (ts->buf_size - ts->pos < sizeof(sh))
		return -EIO;
	p = (const char *)ts->args->buf + ts->pos;
	memcpy(&sh, p, sizeof(sh));
	err = check_reply_item(&sh, ts->buf_size - ts->pos - sizeof(sh),
			       &ts->min, &ts->max);
	if (err)
		return err;
	item->key.objectid = sh.objectid;
	item->key.type = (uint8_t)sh.type;
	item->key.offset = sh.offset;
	item->transid = sh.transid;
	item->len = sh.len;
	item->data = p + sizeof(sh);
	ts->pos += sizeof(sh) + sh.len;
	ts->next_item++;
	ts->limit--;

	/* Continue after this key next time; past the end means done. */
	ts->min = item->key;
	if (!tree_key_increment(&ts->min) || tree_key_cmp(&ts->min, &ts->max) > 0)
		ts->done = 1;
	return 1;
}

void tree_search_read_ahead_now(struct tree_search *ts)
{
	ts->ahead_after = 0;
}

void tree_search_release(struct tree_search *ts)
{
	if (ts->image) {
		image_search_release(ts->image);
		free(ts->image);
		ts->image = NULL;
	}
	search_ahead_stop(ts->ahead);
	ts->ahead = NULL;
	free(ts->args);
	ts->args = NULL;
}

/* tree_search_one() on an image: the first item of a search, copied. */
static int image_search_one(const struct btrfs_fs *fs, uint64_t tree,
			    const struct tree_key *min,
			    const struct tree_key *max, struct tree_item *item,
			    void *data, size_t len)
{
	struct image_search s;
	int ret;

	image_search_init(&s, fs->image, tree, min, max);
	ret = image_search_next(&s, item);
	if (ret > 0) {
		memcpy(data, item->data, item->len < len ? item->len : len);
		item->data = NULL;
	}
	image_search_release(&s);
	return ret;
}

int tree_search_one(const struct btrfs_fs *fs, uint64_t tree,
		    const struct tree_key *min, const struct tree_key *max,
		    struct tree_item *item, void *data, size_t len)
{
	/* The header and a buffer behind it, as the kernel wants them. */
	union {
		struct btrfs_ioctl_search_args_v2 args;
		/* cppcheck-suppress unusedStructMember ; its size is its use */
		char space[sizeof(struct btrfs_ioctl_search_args_v2) + 4096];
	} s;
	const struct btrfs_ioctl_search_header *sh;
	struct btrfs_ioctl_search_key *sk = &s.args.key;

	if (fs->image)
		return image_search_one(fs, tree, min, max, item, data, len);
	set_search_key(sk, tree, min, max, 1);
	s.args.buf_size = sizeof(s) - sizeof(s.args);
	if (signal_received)
		return -EINTR;
	if (ioctl(fs->fd, BTRFS_IOC_TREE_SEARCH_V2, &s.args) < 0)
		return -errno;
	VALGRIND_MAKE_MEM_DEFINED(s.args.buf, sizeof(s) - sizeof(s.args));
	if (sk->nr_items == 0)
		return 0;
	if (sk->nr_items > 1)
		return -EIO;
	sh = (const void *)s.args.buf;
	if (check_reply_item(sh, sizeof(s) - sizeof(s.args) - sizeof(*sh),
			     min, max))
		return -EIO;
	item->key.objectid = sh->objectid;
	item->key.type = (uint8_t)sh->type;
	item->key.offset = sh->offset;
	item->transid = sh->transid;
	item->len = sh->len;
	item->data = NULL;
	memcpy(data, sh + 1, min_t(size_t, sh->len, len));
	return 1;
}

int tree_search_collect(const struct btrfs_fs *fs, uint64_t tree,
			const struct tree_key *min, const struct tree_key *max,
			size_t elem_size,
			tree_collect_fn parse, tree_release_fn release,
			void **ret)
{
	struct tree_search ts;
	struct tree_item item;
	size_t alloc = 0;
	char *arr = NULL;
	int nr = 0, err;

	err = tree_search_init(&ts, fs, tree, min, max, 0);
	if (err)
		return err;
	while ((err = tree_search_next(&ts, &item)) > 0) {
		err = array_grow((void **)&arr, &alloc, (size_t)nr + 1,
				 elem_size, 64);
		if (err)
			break;
		err = parse(&item, arr + (size_t)nr * elem_size);
		if (err < 0)
			break;
		nr += err;
	}
	tree_search_release(&ts);
	if (err < 0) {
		if (release)
			release(arr, nr);
		else
			free(arr);
		return err;
	}
	*ret = arr;
	return nr;
}
