/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FRAMES_H
#define HEATMAP_FRAMES_H

#include <stdbool.h>
#include "common/picture/film-chart.h"
#include "common/btrfs/open-utils.h"
#include "common/picture/reference-lines.h"
#include "common/picture/space-map.h"

/*
 * A film of a filesystem changing: whole-filesystem pictures as show draws
 * them, all of one geometry, named DIR/frame-000000.png, frame-000001.png,
 * ... so that they sort in the order they were made, each written whole or
 * not at all, and DIR/index.html that plays them, rewritten after each.
 */
struct frames {
	char *dir;
	bool made_dir;			/* removed again if no frame is in it */
	char *title;
	struct space_map_options opts;	/* order and size fixed by init */
	struct ref_lines lines;		/* show's, one level up */
	int nr;
	char **files;			/* names relative to dir */
	char **labels;
	struct film_numbers *numbers;	/* the chart's, with lines owned */
	bool no_numbers;		/* some frame came without */
};

/*
 * Make @dir when it does not exist and fix the geometry for @fs: the
 * order and size given, or chosen as show chooses them for the devices'
 * total size now.  Return 0, -EDOM when a given size is smaller than a
 * given order (the caller says so in its words), or -errno after printing
 * one error line: the directory's, or the filesystem's.
 */
int frames_init(struct frames *fr, const char *dir, const struct btrfs_fs *fs,
		enum space_map_sort sort, enum curve_type curve, int order,
		int size);

/*
 * Draw the next frame of @fs and add it to the page with @label.  The
 * show lines ("scope", "grid", "pngfile") are printed one verbosity level
 * higher than show prints them: with -v.  Return 0 or -errno, after
 * printing one error line (none for -EINTR).
 */
int frames_add(struct frames *fr, const struct btrfs_fs *fs,
	       const char *label);

/*
 * The same, with the numbers of the step for the page's chart and its
 * line of output (copied).  A film whose every frame came with numbers
 * gets the chart.
 */
int frames_add_step(struct frames *fr, const struct btrfs_fs *fs,
		    const char *label, const struct film_numbers *num);

/*
 * An ffmpeg command line that makes a video of the frames so far, quoted
 * for a POSIX shell.  The caller frees it; NULL when out of memory.
 */
char *frames_ffmpeg_command(const struct frames *fr);

/* Free @fr; a directory that init made and that got no frame goes too. */
void frames_release(struct frames *fr);

#endif
