// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common/btrfs/image-csum.h"
#include "common/btrfs/image-tree.h"
#include "common/signals.h"

#define HEADER_SIZE	sizeof(struct btrfs_ondisk_header)

/* A tree block in memory: in the cache, or private when its slot was busy. */
struct image_block {
	uint64_t logical;
	int refs;		/* under fs->lock */
	bool cached;
	uint8_t data[];
};

static void key_from_disk(const struct btrfs_disk_key *dk, struct tree_key *k)
{
	k->objectid = le64toh(dk->objectid);
	k->type = dk->type;
	k->offset = le64toh(dk->offset);
}

static const struct btrfs_ondisk_header *header(const uint8_t *buf)
{
	return (const void *)buf;
}

static const struct btrfs_ondisk_key_ptr *key_ptr(const uint8_t *buf, uint32_t i)
{
	return (const void *)(buf + HEADER_SIZE + i * sizeof(struct btrfs_ondisk_key_ptr));
}

static const struct btrfs_ondisk_item *leaf_item(const uint8_t *buf, uint32_t i)
{
	return (const void *)(buf + HEADER_SIZE + i * sizeof(struct btrfs_ondisk_item));
}

/* Key of entry @i of a node or a leaf: both start with the key. */
static void entry_key(const uint8_t *buf, uint32_t i, struct tree_key *k)
{
	if (header(buf)->level)
		key_from_disk(&key_ptr(buf, i)->key, k);
	else
		key_from_disk(&leaf_item(buf, i)->key, k);
}

static int check_leaf(const uint8_t *buf, uint32_t nodesize, uint32_t nritems,
		      const char **why)
{
	uint32_t data_size = nodesize - HEADER_SIZE, end = data_size, i;
	uint32_t off, size;

	if (nritems > data_size / sizeof(struct btrfs_ondisk_item)) {
		*why = "more items than fit in a leaf";
		return -EUCLEAN;
	}
	for (i = 0; i < nritems; i++) {
		off = le32toh(leaf_item(buf, i)->offset);
		size = le32toh(leaf_item(buf, i)->size);
		/* Data packed from the end down, in item order. */
		if (off > end || size != end - off) {
			*why = "item data not where the previous item's ends";
			return -EUCLEAN;
		}
		if (off < nritems * sizeof(struct btrfs_ondisk_item)) {
			*why = "item data overlaps the item headers";
			return -EUCLEAN;
		}
		end = off;
	}
	return 0;
}

static int check_node(const uint8_t *buf, uint32_t nodesize, uint32_t nritems,
		      const char **why)
{
	uint32_t i;

	if (!nritems ||
	    nritems > (nodesize - HEADER_SIZE) / sizeof(struct btrfs_ondisk_key_ptr)) {
		*why = "node with a bad number of pointers";
		return -EUCLEAN;
	}
	for (i = 0; i < nritems; i++) {
		if (!le64toh(key_ptr(buf, i)->blockptr)) {
			*why = "node pointer to block 0";
			return -EUCLEAN;
		}
	}
	return 0;
}

int image_block_check(const uint8_t *buf, uint32_t nodesize,
		      uint16_t csum_type, const uint8_t *fsid,
		      uint64_t bytenr, const char **why)
{
	const struct btrfs_ondisk_header *h = header(buf);
	struct tree_key prev, key;
	uint32_t nritems, i;
	int err;

	err = image_csum_verify(csum_type, buf + BTRFS_ONDISK_CSUM_SIZE,
				nodesize - BTRFS_ONDISK_CSUM_SIZE, h->csum);
	if (err) {
		*why = err == -EBADMSG ? "checksum mismatch"
				       : "checksum type not built in";
		return err;
	}
	if (le64toh(h->bytenr) != bytenr) {
		*why = "block says it is at another address";
		return -EUCLEAN;
	}
	if (memcmp(h->fsid, fsid, BTRFS_FSID_SIZE)) {
		*why = "block of another filesystem";
		return -EUCLEAN;
	}
	if (h->level >= BTRFS_ONDISK_MAX_LEVEL) {
		*why = "level too high";
		return -EUCLEAN;
	}
	nritems = le32toh(h->nritems);
	err = h->level ? check_node(buf, nodesize, nritems, why)
		       : check_leaf(buf, nodesize, nritems, why);
	if (err)
		return err;
	for (i = 0; i < nritems; i++) {
		entry_key(buf, i, &key);
		if (i && tree_key_cmp(&prev, &key) >= 0) {
			*why = "keys out of order";
			return -EUCLEAN;
		}
		prev = key;
	}
	return 0;
}

/* ---- reading blocks, with the cache ---- */

static struct image_device *find_device(struct image_fs *fs, uint64_t devid)
{
	int i;

	for (i = 0; i < fs->nr_devs; i++)
		if (fs->devs[i].devid == devid)
			return &fs->devs[i];
	return NULL;
}

/*
 * Read copy @copy of the @nodesize bytes at @logical into @buf, piece by
 * piece as the chunk's stripes hold them.  Return 0, -ENODEV with the
 * missing devid in *@devid, -EIO for a short read.
 */
static int read_copy(struct image_fs *fs, const struct image_chunk *c,
		     uint64_t logical, int copy, uint8_t *buf, uint64_t *devid)
{
	uint32_t nodesize = fs->sb.nodesize, done = 0;
	struct image_device *dev;
	struct image_extent ext;
	ssize_t n;

	while (done < nodesize) {
		image_chunk_map_extent(c, logical + done, nodesize - done, copy,
				       &ext);
		dev = find_device(fs, ext.devid);
		*devid = ext.devid;
		if (!dev)
			return -ENODEV;
		if (ext.physical > dev->size || dev->size - ext.physical < ext.len)
			return -EIO;
		n = pread(dev->fd, buf + done, ext.len, (off_t)ext.physical);
		if (n < 0)
			return -errno;
		if ((uint64_t)n != ext.len)
			return -EIO;
		done += (uint32_t)ext.len;
	}
	return 0;
}

static int read_block(struct image_fs *fs, uint64_t tree, uint64_t logical,
		      uint8_t *buf)
{
	const char *tname = image_tree_name(tree), *why = NULL;
	const struct image_chunk *c;
	uint64_t devid = 0;
	int copies, copy, err = 0, first = 0;

	c = image_chunk_map_find(&fs->map, logical);
	if (!c || c->logical + c->length - logical < fs->sb.nodesize) {
		image_fs_set_error(fs, "tree block %llu of the %s tree is outside every chunk",
				   (unsigned long long)logical, tname);
		return -EUCLEAN;
	}
	copies = image_chunk_copies(c);
	for (copy = 0; copy < copies; copy++) {
		err = read_copy(fs, c, logical, copy, buf, &devid);
		if (!err)
			err = image_block_check(buf, fs->sb.nodesize,
						fs->sb.csum_type,
						fs->sb.metadata_uuid, logical,
						&why);
		if (!err)
			return 0;
		/* Report the first copy's trouble, as it is the one read. */
		if (!first)
			first = err;
		if (err == -EINTR || err == -ENOMEM)
			break;
	}
	err = first;
	if (err == -ENODEV)
		image_fs_set_error(fs, "tree block %llu of the %s tree is on device %llu, which is missing",
				   (unsigned long long)logical, tname,
				   (unsigned long long)devid);
	else if (err == -EIO)
		image_fs_set_error(fs, "tree block %llu of the %s tree is past the end of device %llu: truncated image?",
				   (unsigned long long)logical, tname,
				   (unsigned long long)devid);
	else if (why)
		image_fs_set_error(fs, "tree block %llu of the %s tree: %s",
				   (unsigned long long)logical, tname, why);
	else
		image_fs_set_error(fs, "tree block %llu of the %s tree: %s",
				   (unsigned long long)logical, tname,
				   strerror(-err));
	return err;
}

static unsigned int cache_slot(struct image_fs *fs, uint64_t logical)
{
	return (unsigned int)((logical / fs->sb.nodesize) % fs->cache_slots);
}

static void block_put(struct image_fs *fs, struct image_block *b)
{
	if (!b)
		return;
	pthread_mutex_lock(&fs->lock);
	if (--b->refs == 0 && !b->cached)
		free(b);
	pthread_mutex_unlock(&fs->lock);
}

/* Take the block at @logical from the cache or the devices, checked. */
static int block_get(struct image_fs *fs, uint64_t tree, uint64_t logical,
		     struct image_block **ret)
{
	unsigned int slot = cache_slot(fs, logical);
	struct image_block *b, *old;
	int err;

	pthread_mutex_lock(&fs->lock);
	b = fs->cache[slot];
	if (b && b->logical == logical) {
		b->refs++;
		pthread_mutex_unlock(&fs->lock);
		*ret = b;
		return 0;
	}
	pthread_mutex_unlock(&fs->lock);

	if (signal_received)
		return -EINTR;
	b = calloc(1, sizeof(*b) + fs->sb.nodesize);
	if (!b)
		return -ENOMEM;
	b->logical = logical;
	b->refs = 1;
	b->cached = false;
	err = read_block(fs, tree, logical, b->data);
	if (err) {
		free(b);
		return err;
	}

	pthread_mutex_lock(&fs->lock);
	old = fs->cache[slot];
	if (old && old->logical == logical) {
		/* Another thread read it meanwhile. */
		old->refs++;
		pthread_mutex_unlock(&fs->lock);
		free(b);
		*ret = old;
		return 0;
	}
	if (!old || !old->refs) {
		free(old);
		fs->cache[slot] = b;
		b->cached = true;
	}
	pthread_mutex_unlock(&fs->lock);
	*ret = b;
	return 0;
}

void image_cache_release(struct image_fs *fs)
{
	unsigned int i;

	for (i = 0; i < fs->cache_slots; i++) {
		free(fs->cache[i]);
		fs->cache[i] = NULL;
	}
}

/*
 * Take the child block that a parent's pointer (or a root item) names,
 * and check what only the parent knows: its level, its generation and,
 * below a node, that its first key is the parent's key for it.  Levels
 * strictly decreasing downwards is what keeps a walk from looping.
 */
static int child_get(struct image_search *s, uint64_t bytenr, int level,
		     uint64_t generation, const struct tree_key *first,
		     struct image_block **ret)
{
	const struct btrfs_ondisk_header *h;
	const char *why = NULL;
	struct tree_key key;
	struct image_block *b;
	int err;

	err = block_get(s->fs, s->tree, bytenr, &b);
	if (err)
		return err;
	h = header(b->data);
	if (first && le32toh(h->nritems))
		entry_key(b->data, 0, &key);
	if (h->level != level)
		why = "level not one below its parent's";
	else if (le64toh(h->generation) != generation)
		why = "generation not the one its parent expects";
	else if (first && !le32toh(h->nritems))
		why = "empty block below a node";
	else if (first && tree_key_cmp(&key, first))
		why = "first key not the one its parent has for it";
	if (why) {
		image_fs_set_error(s->fs, "tree block %llu of the %s tree: %s",
				   (unsigned long long)bytenr,
				   image_tree_name(s->tree), why);
		block_put(s->fs, b);
		return -EUCLEAN;
	}
	*ret = b;
	return 0;
}

int image_search_init(struct image_search *s, struct image_fs *fs,
		      uint64_t tree, const struct tree_key *min,
		      const struct tree_key *max)
{
	memset(s, 0, sizeof(*s));
	s->fs = fs;
	s->tree = tree;
	s->min = *min;
	s->max = *max;
	return 0;
}

/* Slot of the last pointer of @buf whose key is <= @key, or 0. */
static uint32_t node_slot(const uint8_t *buf, const struct tree_key *key)
{
	uint32_t lo = 0, hi = le32toh(header(buf)->nritems), mid;
	struct tree_key k;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		entry_key(buf, mid, &k);
		if (tree_key_cmp(&k, key) <= 0)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Slot of the first item of leaf @buf whose key is >= @key. */
static uint32_t leaf_slot(const uint8_t *buf, const struct tree_key *key)
{
	uint32_t lo = 0, hi = le32toh(header(buf)->nritems), mid;
	struct tree_key k;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		entry_key(buf, mid, &k);
		if (tree_key_cmp(&k, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Fill the path below level index @from (its block and slot set) down to
 * the leaf: towards @key when given, else along the leftmost pointers.
 */
static int descend(struct image_search *s, int from, const struct tree_key *key)
{
	const struct btrfs_ondisk_key_ptr *kp;
	const uint8_t *buf;
	struct tree_key first;
	int i, err;

	for (i = from; i < s->depth - 1; i++) {
		buf = s->path[i]->data;
		kp = key_ptr(buf, s->slot[i]);
		key_from_disk(&kp->key, &first);
		err = child_get(s, le64toh(kp->blockptr), s->depth - 2 - i,
				le64toh(kp->generation), &first, &s->path[i + 1]);
		if (err)
			return err;
		buf = s->path[i + 1]->data;
		if (!key)
			s->slot[i + 1] = 0;
		else if (i + 1 < s->depth - 1)
			s->slot[i + 1] = node_slot(buf, key);
		else
			s->slot[i + 1] = leaf_slot(buf, key);
	}
	return 0;
}

static int start(struct image_search *s)
{
	struct image_root root;
	const uint8_t *buf;
	int err;

	err = image_fs_find_root(s->fs, s->tree, &root);
	if (err)
		return err;
	s->depth = root.level + 1;
	err = child_get(s, root.bytenr, root.level, root.generation, NULL,
			&s->path[0]);
	if (err)
		return err;
	buf = s->path[0]->data;
	s->slot[0] = root.level ? node_slot(buf, &s->min)
				: leaf_slot(buf, &s->min);
	return descend(s, 0, &s->min);
}

/*
 * Move to the first item of the next leaf.  Return 1 there, 0 when the
 * tree or the range ends, -errno.
 */
static int next_leaf(struct image_search *s)
{
	struct tree_key key;
	int i, j, err;

	for (i = s->depth - 2; i >= 0; i--) {
		const uint8_t *buf = s->path[i]->data;

		if (s->slot[i] + 1 >= le32toh(header(buf)->nritems))
			continue;
		entry_key(buf, s->slot[i] + 1, &key);
		if (tree_key_cmp(&key, &s->max) > 0)
			return 0;
		s->slot[i]++;
		for (j = i + 1; j < s->depth; j++) {
			block_put(s->fs, s->path[j]);
			s->path[j] = NULL;
		}
		err = descend(s, i, NULL);
		return err ? err : 1;
	}
	return 0;
}

int image_search_next(struct image_search *s, struct tree_item *item)
{
	const struct btrfs_ondisk_item *it;
	const uint8_t *leaf;
	struct tree_key key;
	int err;

	if (s->done)
		return 0;
	if (!s->started) {
		s->started = true;
		err = start(s);
		if (err)
			goto fail;
	}
	for (;;) {
		leaf = s->path[s->depth - 1]->data;
		if (s->slot[s->depth - 1] < le32toh(header(leaf)->nritems))
			break;
		err = next_leaf(s);
		if (err < 0)
			goto fail;
		if (!err) {
			s->done = true;
			return 0;
		}
	}
	it = leaf_item(leaf, s->slot[s->depth - 1]);
	key_from_disk(&it->key, &key);
	if (tree_key_cmp(&key, &s->max) > 0) {
		s->done = true;
		return 0;
	}
	/* Blocks are checked one by one; across them keys must rise too. */
	if (s->have_last && tree_key_cmp(&s->last, &key) >= 0) {
		image_fs_set_error(s->fs, "tree block %llu of the %s tree: keys out of order with the block before",
				   (unsigned long long)s->path[s->depth - 1]->logical,
				   image_tree_name(s->tree));
		err = -EUCLEAN;
		goto fail;
	}
	s->last = key;
	s->have_last = true;
	s->slot[s->depth - 1]++;
	item->key = key;
	item->transid = le64toh(header(leaf)->generation);
	item->len = le32toh(it->size);
	item->data = leaf + HEADER_SIZE + le32toh(it->offset);
	return 1;

fail:
	s->done = true;
	return err;
}

void image_search_release(struct image_search *s)
{
	int i;

	for (i = 0; i < BTRFS_ONDISK_MAX_LEVEL; i++) {
		block_put(s->fs, s->path[i]);
		s->path[i] = NULL;
	}
}
