/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FILM_DIR_H
#define HEATMAP_FILM_DIR_H

#include <stdbool.h>
#include <stdint.h>

/* Where a picture's time came from, best first. */
enum film_time_source {
	FILM_TIME_SCAN,		/* the scan it carries */
	FILM_TIME_NAME,		/* "_at_<unixtime>.png", as show names it */
	FILM_TIME_MTIME,	/* the file's modification time */
};

extern const char * const film_time_source_names[];

struct film_picture {
	char *name;		/* in the directory */
	int err;		/* 0, or why it is no picture (-errno) */
	int64_t time;		/* Unix seconds */
	enum film_time_source source;
	uint32_t width;
	uint32_t height;
	bool has_scan;
	uint64_t allocated;	/* bytes in the scan's block groups */
	uint64_t used;		/* bytes used in them */
};

/* The PNG files of a directory, read and in time order. */
struct film_dir {
	struct film_picture *pics;
	int nr;
};

/*
 * Read every "*.png" in the directory @path: each one's size, scan and
 * time, checked whole (a file that is no picture keeps its err), sorted
 * by time then name.  Symlinks and anything but regular files are not
 * followed.  Return 0 or -errno: -ENOTDIR, -EACCES, -ENOENT for @path,
 * -ENOMEM.
 */
int film_dir_read(const char *path, struct film_dir *fd);

void film_dir_release(struct film_dir *fd);

#endif
