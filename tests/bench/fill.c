// SPDX-License-Identifier: MIT
/*
 * Fill a benchmark filesystem, the same way every time (fixed seed).
 *
 *   fill prealloc DIR TOTAL_GIB
 *	fallocate files of 16..512 MiB until TOTAL_GIB are allocated, then
 *	delete about a third of them: thousands of data block groups of
 *	varied usage, without writing any data.
 *   fill huge DIR TOTAL_GIB [PIECE_MIB]
 *	fallocate files of 1 to 32 GiB, in pieces of PIECE_MIB (default
 *	256: the largest extent fallocate() makes) each an extent of its
 *	own, until TOTAL_GIB are allocated, then punch out about a third of
 *	the pieces: as many block groups as prealloc makes, of usages in
 *	steps of a piece.  A piece after the one before is allocated where
 *	that one ended; only a piece that needs a new block group makes
 *	the kernel search all of them.
 *   fill punch DIR
 *	only the second half of 'huge', on the files already there (for a
 *	fill that was stopped before its total)
 *   fill small DIR COUNT
 *	write COUNT files of 4..12 KiB (mount with max_inline=0 so each is a
 *	data extent) in directories of 1000, then delete every tenth: many
 *	small data extents and tens of thousands of tree blocks.
 */
#include <errno.h>
#include <linux/falloc.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MIB	(1024ULL * 1024)

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: the same sequence on every machine. */
static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static int fill_prealloc(const char *dir, uint64_t total)
{
	uint64_t done = 0, size;
	char path[4096];
	int fd, nr = 0, i, err;

	while (done < total) {
		size = (16 + rng() % 497) * MIB;
		if (size > total - done)
			size = total - done;
		snprintf(path, sizeof(path), "%s/p%06d", dir, nr);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			fprintf(stderr, "fill: %s: %m\n", path);
			return 1;
		}
		err = posix_fallocate(fd, 0, (off_t)size);
		close(fd);
		if (err) {
			fprintf(stderr, "fill: fallocate %s: %s\n", path,
				strerror(err));
			return 1;
		}
		done += size;
		nr++;
	}
	for (i = 0; i < nr; i++) {
		if (rng() % 3)
			continue;
		snprintf(path, sizeof(path), "%s/p%06d", dir, i);
		if (unlink(path)) {
			fprintf(stderr, "fill: %s: %m\n", path);
			return 1;
		}
	}
	printf("prealloc: %d files, %llu GiB\n", nr,
	       (unsigned long long)(total / (1024 * MIB)));
	return 0;
}

#define EXTENT	(256 * MIB)	/* the largest extent fallocate() makes */

/* Punch out about a third of the @piece pieces of files h000000... in @dir. */
static long punch_thirds(const char *dir, uint64_t piece)
{
	char path[4096];
	uint64_t size, off;
	long punched = 0;
	int fd, i;

	for (i = 0;; i++) {
		snprintf(path, sizeof(path), "%s/h%06d", dir, i);
		fd = open(path, O_WRONLY);
		if (fd < 0)
			return errno == ENOENT ? punched : -1;
		size = (uint64_t)lseek(fd, 0, SEEK_END);
		for (off = 0; off < size; off += piece) {
			if (rng() % 3)
				continue;
			if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
				      (off_t)off, (off_t)piece)) {
				fprintf(stderr, "fill: punch %s: %m\n", path);
				close(fd);
				return -1;
			}
			punched++;
		}
		close(fd);
	}
}

static int fill_huge(const char *dir, uint64_t total, uint64_t piece)
{
	uint64_t done = 0, size, off;
	char path[4096];
	int fd, nr = 0;
	long punched;

	while (done < total) {
		size = (4 + rng() % 125) * EXTENT;
		if (size > total - done)
			size = total - done;
		snprintf(path, sizeof(path), "%s/h%06d", dir, nr);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0) {
			fprintf(stderr, "fill: %s: %m\n", path);
			return 1;
		}
		for (off = 0; off < size; off += piece) {
			if (fallocate(fd, 0, (off_t)off, (off_t)(size - off < piece ?
							 size - off : piece))) {
				fprintf(stderr, "fill: fallocate %s: %m\n", path);
				close(fd);
				return 1;
			}
		}
		close(fd);
		done += size;
		nr++;
	}
	punched = punch_thirds(dir, piece);
	if (punched < 0)
		return 1;
	printf("huge: %d files, %llu GiB, %ld extents punched\n", nr,
	       (unsigned long long)(total / (1024 * MIB)), punched);
	return 0;
}

static int fill_small(const char *dir, int count)
{
	static char buf[12288];
	char path[4096];
	size_t size;
	int fd, i;

	for (i = 0; i < (int)sizeof(buf); i++)
		buf[i] = (char)rng();
	for (i = 0; i < count; i++) {
		if (i % 1000 == 0) {
			snprintf(path, sizeof(path), "%s/d%04d", dir, i / 1000);
			if (mkdir(path, 0755) && errno != EEXIST) {
				fprintf(stderr, "fill: %s: %m\n", path);
				return 1;
			}
		}
		snprintf(path, sizeof(path), "%s/d%04d/f%07d", dir, i / 1000, i);
		size = 4096 * (1 + rng() % 3) - rng() % 1024;
		buf[0] = (char)i;	/* no two files alike */
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, buf, size) != (ssize_t)size) {
			fprintf(stderr, "fill: %s: %m\n", path);
			return 1;
		}
		close(fd);
	}
	for (i = 0; i < count; i += 10) {
		snprintf(path, sizeof(path), "%s/d%04d/f%07d", dir, i / 1000, i);
		if (unlink(path)) {
			fprintf(stderr, "fill: %s: %m\n", path);
			return 1;
		}
	}
	printf("small: %d files written, %d deleted\n", count, (count + 9) / 10);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "prealloc"))
		return fill_prealloc(argv[2],
				     strtoull(argv[3], NULL, 10) * 1024 * MIB);
	if ((argc == 4 || argc == 5) && !strcmp(argv[1], "huge"))
		return fill_huge(argv[2],
				 strtoull(argv[3], NULL, 10) * 1024 * MIB,
				 argc == 5 ? strtoull(argv[4], NULL, 10) * MIB :
					     EXTENT);
	if (argc == 3 && !strcmp(argv[1], "punch")) {
		long n = punch_thirds(argv[2], EXTENT);

		if (n >= 0)
			printf("punch: %ld extents punched\n", n);
		return n < 0;
	}
	if (argc == 4 && !strcmp(argv[1], "small"))
		return fill_small(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: fill prealloc DIR TOTAL_GIB | fill huge DIR TOTAL_GIB [PIECE_MIB] | fill punch DIR | fill small DIR COUNT\n");
	return 1;
}
