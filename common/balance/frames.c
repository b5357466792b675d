// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common/btrfs/chunk-items.h"
#include "common/picture/film-page.h"
#include "common/balance/frames.h"
#include "common/messages.h"
#include "common/picture/picture.h"
#include "common/picture/picture-scan.h"
#include "common/shell-word.h"

/* A printf format, which is also the pattern ffmpeg's image2 reads. */
#define FRAME_PATTERN	"frame-%06d.png"
#define PAGE_NAME	"index.html"

static int devices_total_bytes(const struct btrfs_fs *fs, uint64_t *total)
{
	struct device_info *devs;
	int nr, i;

	nr = read_devices(fs, &devs);
	if (nr < 0)
		return nr;
	*total = 0;
	for (i = 0; i < nr; i++)
		*total += devs[i].total_bytes;
	free(devs);
	return *total ? 0 : -EINVAL;
}

int frames_init(struct frames *fr, const char *dir, const struct btrfs_fs *fs,
		enum space_map_sort sort, enum curve_type curve, int order,
		int size)
{
	uint64_t total;
	struct stat st;
	int err;

	memset(fr, 0, sizeof(*fr));
	err = devices_total_bytes(fs, &total);
	if (err) {
		btrfs_fs_report_error(fs->path, err);
		return err;
	}
	/* Once for the whole film: every frame has this geometry. */
	if (grid_choose_order_size(&order, &size, total, SPACE_MAP_GRANULARITY))
		return -EDOM;
	fr->dir = strdup(dir);
	if (asprintf(&fr->title, "btrfs-heatmap balance-least-used, filesystem %s",
		     fs->fsid) < 0)
		fr->title = NULL;
	if (!fr->dir || !fr->title) {
		error("out of memory");
		frames_release(fr);
		return -ENOMEM;
	}
	if (mkdir(dir, 0777) == 0)
		fr->made_dir = true;
	else if (errno != EEXIST)
		goto fail;
	if (stat(dir, &st) < 0)
		goto fail;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		goto fail;
	}
	fr->opts.sort = sort;
	fr->opts.curve = curve;
	fr->opts.order = order;
	fr->opts.size = size;
	ref_lines_init(&fr->lines, 1);
	fr->opts.trace = &fr->lines.trace;
	return 0;
fail:
	err = -errno;
	error("cannot make frames in %s: %m", dir);
	frames_release(fr);
	return err;
}

static char *join_path(const char *dir, const char *name)
{
	char *path;

	if (asprintf(&path, "%s/%s", dir, name) < 0)
		return NULL;
	return path;
}

/* Draw @fs into @path with the film's geometry and lines. */
static int draw_frame(struct frames *fr, const struct btrfs_fs *fs,
		      const char *path)
{
	const uint64_t *missing_devid;
	struct scan scan;
	struct grid grid;
	int err;

	err = space_map_draw_scan(fs, &fr->opts, &grid, &missing_devid, &scan);
	if (!err) {
		err = picture_attach_scan(&grid, &scan);
		if (err)
			grid_release(&grid);
	}
	if (!err) {
		err = picture_save(&grid, path, &fr->lines);
		grid_release(&grid);
	} else if (err != -EINTR) {
		error("cannot draw frame %s: %s", path, strerror(-err));
	}
	return err;
}

/* Record the numbers of frame @i, @num NULL for none. */
static int add_numbers(struct frames *fr, int i, const struct film_numbers *num)
{
	struct film_numbers *p;
	char *line = NULL;

	p = realloc(fr->numbers, (i + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	fr->numbers = p;
	if (num && num->line) {
		line = strdup(num->line);
		if (!line)
			return -ENOMEM;
	}
	p[i] = num ? *num : (struct film_numbers){ .none = true };
	p[i].line = line;
	return 0;
}

/* Record frame @name with @label (taken over on success). */
static int add_entry(struct frames *fr, const char *name, char *label,
		     const struct film_numbers *num)
{
	char **p, *file;

	p = realloc(fr->files, (fr->nr + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	fr->files = p;
	p = realloc(fr->labels, (fr->nr + 1) * sizeof(*p));
	if (!p)
		return -ENOMEM;
	fr->labels = p;
	if (add_numbers(fr, fr->nr, num))
		return -ENOMEM;
	if (!num)
		fr->no_numbers = true;
	file = strdup(name);
	if (!file)
		return -ENOMEM;
	fr->files[fr->nr] = file;
	fr->labels[fr->nr++] = label;
	return 0;
}

int frames_add(struct frames *fr, const struct btrfs_fs *fs,
	       const char *label)
{
	return frames_add_step(fr, fs, label, NULL);
}

int frames_add_step(struct frames *fr, const struct btrfs_fs *fs,
		    const char *label, const struct film_numbers *num)
{
	struct film_chart chart = {
		.line_name = "unallocated after each step",
		.bar_name = "bytes moved by each step",
	};
	char name[32], *path = NULL, *page = NULL, *lab = NULL;
	int err;

	snprintf(name, sizeof(name), FRAME_PATTERN, fr->nr);
	path = join_path(fr->dir, name);
	page = join_path(fr->dir, PAGE_NAME);
	lab = strdup(label);
	if (!path || !page || !lab) {
		err = -ENOMEM;
		error("out of memory");
		goto out;
	}
	err = draw_frame(fr, fs, path);
	if (err)
		goto out;

	err = add_entry(fr, name, lab, num);
	if (err) {
		error("out of memory");
		goto out;
	}
	lab = NULL;
	chart.numbers = fr->numbers;
	err = film_page_write(page, fr->title,
			      (const char * const *)fr->files,
			      (const char * const *)fr->labels,
			      fr->no_numbers ? NULL : &chart, fr->nr,
			      1 << fr->opts.size);
	if (err)
		error("cannot write %s: %s", page, strerror(-err));
out:
	free(path);
	free(page);
	free(lab);
	return err;
}

char *frames_ffmpeg_command(const struct frames *fr)
{
	char *cmd = NULL, *in, *out;
	size_t len;
	FILE *f;

	in = join_path(fr->dir, FRAME_PATTERN);
	out = join_path(fr->dir, "balance.mp4");
	f = in && out ? open_memstream(&cmd, &len) : NULL;
	if (f) {
		/* Exactly the frames of this run, whatever else is in dir. */
		fputs("ffmpeg -framerate 2 -i ", f);
		put_shell_word(f, in);
		fprintf(f, " -frames:v %d -c:v libx264 -pix_fmt yuv420p ", fr->nr);
		put_shell_word(f, out);
		if (fclose(f)) {
			free(cmd);
			cmd = NULL;
		}
	}
	free(in);
	free(out);
	return cmd;
}

void frames_release(struct frames *fr)
{
	int i;

	if (fr->made_dir && fr->dir && !fr->nr)
		rmdir(fr->dir);
	for (i = 0; i < fr->nr; i++) {
		free(fr->files[i]);
		free(fr->labels[i]);
		if (fr->numbers)
			free((char *)fr->numbers[i].line);
	}
	free(fr->files);
	free(fr->labels);
	free(fr->numbers);
	free(fr->dir);
	free(fr->title);
	memset(fr, 0, sizeof(*fr));
}
