// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "cmds/commands.h"
#include "common/picture/film-chart.h"
#include "common/picture/film-dir.h"
#include "common/picture/film-page.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/picture/picture-options.h"
#include "common/shell-word.h"

#define PAGE_NAME	"index.html"
#define NR_FFMPEG_ARGS	(sizeof(ffmpeg_args) / sizeof(ffmpeg_args[0]))

static const char * const cmd_film_usage[] = {
	"btrfs-heatmap film [options] <dir>",
	"Make a page that plays a folder of pictures in time order.",
	"",
	"Reads every *.png in <dir> (show's cron pictures, --frames output, the",
	"pictures of btrfs-heatmap 9) and writes <dir>/index.html, which plays",
	"them in the order of their time: that of the scan a picture carries,",
	"else the _at_<unixtime> in its name, else its modification time.  Beside",
	"them, a chart of the space allocated and used, from the pictures that",
	"carry a scan.  Prints the ffmpeg command that makes a video.",
	"",
	OPTLINE("--video FILE", "also run that ffmpeg command, writing the video to FILE (not overwritten); without ffmpeg installed, only print it"),
	OPTLINE("-q|--quiet", "print only errors"),
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

/* The ffmpeg arguments after "ffmpeg", before the output file. */
static const char * const ffmpeg_args[] = {
	"-framerate", "2", "-pattern_type", "glob", "-i", "*.png",
	"-c:v", "libx264", "-pix_fmt", "yuv420p",
};

static void print_ffmpeg_command(const char *dir, const char *video)
{
	size_t i;

	fputs("cd ", stdout);
	put_shell_word(stdout, dir);
	fputs(" && ffmpeg", stdout);
	for (i = 0; i < NR_FFMPEG_ARGS; i++) {
		fputc(' ', stdout);
		put_shell_word(stdout, ffmpeg_args[i]);
	}
	fputc(' ', stdout);
	put_shell_word(stdout, video);
	fputc('\n', stdout);
}

/* True when @prog is an executable file in a directory of $PATH. */
static bool in_path(const char *prog)
{
	const char *path = getenv("PATH"), *p, *end;
	char buf[4096];

	if (!path)
		path = "/usr/bin:/bin";
	for (p = path; *p; p = *end ? end + 1 : end) {
		end = strchrnul(p, ':');
		if (snprintf(buf, sizeof(buf), "%.*s/%s", (int)(end - p),
			     end == p ? "." : p, prog) >= (int)sizeof(buf))
			continue;
		if (!access(buf, X_OK))
			return true;
	}
	return false;
}

/*
 * The video's name for ffmpeg, which runs in the pictures' folder: @video
 * as given from here, made absolute.  NULL when out of memory.
 */
static char *video_path(const char *video)
{
	char *cwd, *path = NULL;

	if (video[0] == '/')
		return strdup(video);
	cwd = getcwd(NULL, 0);
	if (cwd && asprintf(&path, "%s/%s", cwd, video) < 0)
		path = NULL;
	free(cwd);
	return path;
}

/* Run ffmpeg in @dir, writing @video.  Return 0, or 1 after an error line. */
static int run_ffmpeg(const char *dir, const char *video)
{
	const char *argv[NR_FFMPEG_ARGS + 5];
	int status, n = 0;
	size_t i;
	pid_t pid;

	argv[n++] = "ffmpeg";
	argv[n++] = "-nostdin";
	argv[n++] = "-n";
	for (i = 0; i < NR_FFMPEG_ARGS; i++)
		argv[n++] = ffmpeg_args[i];
	argv[n++] = video;
	argv[n] = NULL;
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		error("cannot run ffmpeg: %m");
		return 1;
	}
	if (!pid) {
		if (chdir(dir) == 0)
			execvp("ffmpeg", (char **)argv);
		fprintf(stderr, "ERROR: cannot run ffmpeg in %s: %m\n", dir);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			error("cannot wait for ffmpeg: %m");
			return 1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	error("ffmpeg failed (%s %d); its messages are above",
	      WIFEXITED(status) ? "exit status" : "signal",
	      WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	return 1;
}

static const char *skip_reason(int err)
{
	switch (-err) {
	case EINVAL:
		return "not a PNG picture";
	case EBADMSG:
		return "its scan is damaged";
	case ENOTSUP:
		return "its scan is of a later version";
	case ELOOP:
		return "a symlink, not followed";
	default:
		return strerror(-err);
	}
}

/* "2026-12-01 09:13:06 UTC  name (time from the scan)" */
static char *picture_label(const struct film_picture *pic)
{
	char when[64] = "?";
	time_t t = (time_t)pic->time;
	struct tm tm;
	char *label;

	if (gmtime_r(&t, &tm))
		strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S UTC", &tm);
	if (asprintf(&label, "%s  %s (time from the %s)", when, pic->name,
		     film_time_source_names[pic->source]) < 0)
		return NULL;
	return label;
}

static int write_page(const char *dir, const struct film_dir *fd,
		      int nr_scans, const char *page)
{
	const char **files = calloc(fd->nr, sizeof(*files));
	char **labels = calloc(fd->nr, sizeof(*labels));
	struct film_numbers *num = calloc(fd->nr, sizeof(*num));
	struct film_chart chart = {
		.line_name = "allocated",
		.bar_name = "used",
		.numbers = num,
	};
	char *title = NULL;
	uint32_t width = 0;
	int i, n = 0, err = -ENOMEM;

	if (!files || !labels || !num ||
	    asprintf(&title, "btrfs-heatmap film of %s", dir) < 0) {
		title = NULL;
		goto out;
	}
	for (i = 0; i < fd->nr; i++) {
		const struct film_picture *pic = &fd->pics[i];

		if (pic->err)
			continue;
		labels[n] = picture_label(pic);
		if (!labels[n])
			goto out;
		files[n] = pic->name;
		num[n].line_value = pic->allocated;
		num[n].bar_value = pic->used;
		num[n].none = !pic->has_scan;
		if (pic->width > width)
			width = pic->width;
		n++;
	}
	err = film_page_write(page, title, files, (const char * const *)labels,
			      nr_scans ? &chart : NULL, n, (int)width);
out:
	for (i = 0; labels && i < n; i++)
		free(labels[i]);
	free(files);
	free(labels);
	free(num);
	free(title);
	return err;
}

static int cmd_film(const struct cmd_struct *cmd, int argc, char **argv)
{
	enum { OPT_VIDEO = 256 };
	static const struct option long_options[] = {
		{ "video", required_argument, NULL, OPT_VIDEO },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	const char *video = NULL, *dir;
	int opt, i, nr = 0, nr_scans = 0, err, ret = 1;
	struct film_dir fd = { 0 };
	char *page = NULL, *video_file = NULL;
	bool no_ffmpeg;

	while ((opt = getopt_long(argc, argv, ":q", long_options,
				  NULL)) != -1) {
		switch (opt) {
		case 'q':
			msg_verbosity = LOG_QUIET;
			break;
		case OPT_VIDEO:
			video = optarg;
			break;
		default:
			report_bad_option(cmd, argv, opt);
			return 1;
		}
	}
	if (check_argc_min(cmd, argc, 1, "the directory <dir>") ||
	    check_argc_max(cmd, argc, argv, 1))
		return 1;
	dir = argv[optind];
	err = film_dir_read(dir, &fd);
	if (err == -ENOTDIR) {
		error("not a directory: %s", dir);
		return 1;
	}
	if (err) {
		error("cannot read the directory %s: %s", dir, strerror(-err));
		return 1;
	}
	for (i = 0; i < fd.nr; i++) {
		if (fd.pics[i].err) {
			pr_verbose(LOG_DEFAULT, "skipped %s: %s", fd.pics[i].name,
				   skip_reason(fd.pics[i].err));
			continue;
		}
		nr++;
		nr_scans += fd.pics[i].has_scan;
	}
	if (!nr) {
		error("no pictures (*.png) in %s", dir);
		goto out;
	}
	if (asprintf(&page, "%s/%s", dir, PAGE_NAME) < 0) {
		page = NULL;
		error("out of memory");
		goto out;
	}
	err = write_page(dir, &fd, nr_scans, page);
	if (err) {
		error("cannot write %s: %s", page, strerror(-err));
		goto out;
	}
	pr_verbose(LOG_DEFAULT, "film %s: %d pictures, %d with a scan", page, nr,
		   nr_scans);
	if (!nr_scans)
		pr_verbose(LOG_DEFAULT, "no picture carries a scan (pictures of btrfs-heatmap 9, or show --no-scan): no chart");
	else if (nr_scans < nr)
		pr_verbose(LOG_DEFAULT, "%d pictures carry no scan: the chart has no point for them",
			   nr - nr_scans);
	if (video) {
		video_file = video_path(video);
		if (!video_file) {
			error("out of memory");
			goto out;
		}
	}
	/* Without ffmpeg, --video prints the command even with -q. */
	no_ffmpeg = video_file && !in_path("ffmpeg");
	if (msg_verbosity >= LOG_DEFAULT || no_ffmpeg)
		print_ffmpeg_command(dir, video_file ? video_file : "heatmap.mp4");
	if (no_ffmpeg) {
		warning("ffmpeg is not installed (no ffmpeg in PATH): no video made; the command above makes it");
		ret = 0;
	} else {
		ret = video_file ? run_ffmpeg(dir, video_file) : 0;
	}
out:
	free(video_file);
	free(page);
	film_dir_release(&fd);
	return ret;
}

DEFINE_SIMPLE_COMMAND(film, "film");
