// SPDX-License-Identifier: MIT
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common/picture/film-dir.h"
#include "common/draw/png-read.h"
#include "common/scan.h"

const char * const film_time_source_names[] = {
	[FILM_TIME_SCAN] = "scan",
	[FILM_TIME_NAME] = "name",
	[FILM_TIME_MTIME] = "mtime",
};

static bool is_png_name(const char *name)
{
	size_t len = strlen(name);

	return len > 4 && !strcmp(name + len - 4, ".png") && name[0] != '.';
}

/* The <unixtime> of a name ending in "_at_<unixtime>.png", or -1. */
static int64_t name_time(const char *name)
{
	const char *at = NULL, *p, *end = name + strlen(name) - 4;
	int64_t t = 0;

	for (p = strstr(name, "_at_"); p; p = strstr(p + 1, "_at_"))
		at = p + 4;
	if (!at || at == end)
		return -1;
	for (p = at; p < end; p++) {
		if (*p < '0' || *p > '9' || t > (INT64_MAX - 9) / 10)
			return -1;
		t = t * 10 + (*p - '0');
	}
	return t;
}

/* Read picture @pic in @dirfd: never through a symlink, never a FIFO. */
static int read_picture(int dirfd, struct film_picture *pic)
{
	struct scan scan;
	struct stat st;
	FILE *fp;
	uint32_t i;
	int fd, err;

	fd = openat(dirfd, pic->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
		    O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st)) {
		err = -errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	fp = fdopen(fd, "rb");
	if (!fp) {
		err = -errno;
		close(fd);
		return err;
	}
	err = png_read_scan(fp, &pic->width, &pic->height, &scan,
			    &pic->has_scan);
	fclose(fp);
	if (err)
		return err;
	pic->time = name_time(pic->name);
	pic->source = FILM_TIME_NAME;
	if (pic->time < 0) {
		pic->time = st.st_mtim.tv_sec;
		pic->source = FILM_TIME_MTIME;
	}
	if (pic->has_scan) {
		if (scan.time <= INT64_MAX) {
			pic->time = (int64_t)scan.time;
			pic->source = FILM_TIME_SCAN;
		}
		for (i = 0; i < scan.nr_bgs; i++) {
			pic->allocated += scan.bgs[i].length;
			pic->used += scan.bgs[i].used;
		}
		scan_release(&scan);
	}
	return 0;
}

static int compare_pictures(const void *a, const void *b)
{
	const struct film_picture *pa = a, *pb = b;

	if (pa->time != pb->time)
		return pa->time < pb->time ? -1 : 1;
	return strcmp(pa->name, pb->name);
}

int film_dir_read(const char *path, struct film_dir *fd)
{
	struct film_picture *p;
	struct dirent *de;
	int dirfd, err = 0, alloc = 0;
	DIR *dir;

	memset(fd, 0, sizeof(*fd));
	dirfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0)
		return -errno;
	dir = fdopendir(dirfd);
	if (!dir) {
		err = -errno;
		close(dirfd);
		return err;
	}
	errno = 0;
	while ((de = readdir(dir))) {
		if (!is_png_name(de->d_name))
			continue;
		if (fd->nr == alloc) {
			alloc = alloc ? 2 * alloc : 64;
			p = reallocarray(fd->pics, alloc, sizeof(*p));
			if (!p) {
				err = -ENOMEM;
				break;
			}
			fd->pics = p;
		}
		p = &fd->pics[fd->nr];
		memset(p, 0, sizeof(*p));
		p->name = strdup(de->d_name);
		if (!p->name) {
			err = -ENOMEM;
			break;
		}
		fd->nr++;
		p->err = read_picture(dirfd, p);
		if (p->err == -ENOMEM) {
			err = -ENOMEM;
			break;
		}
		errno = 0;
	}
	if (!err && errno)
		err = -errno;
	closedir(dir);
	if (err) {
		film_dir_release(fd);
		return err;
	}
	if (fd->nr > 1)
		qsort(fd->pics, fd->nr, sizeof(*fd->pics), compare_pictures);
	return 0;
}

void film_dir_release(struct film_dir *fd)
{
	int i;

	for (i = 0; i < fd->nr; i++)
		free(fd->pics[i].name);
	free(fd->pics);
	memset(fd, 0, sizeof(*fd));
}
