// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cmds/commands.h"
#include "common/atomic-file.h"
#include "common/picture/diff-report.h"
#include "common/picture/diff-side.h"
#include "common/help.h"
#include "common/btrfs/image-fs.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/btrfs/open-utils.h"
#include "common/picture/picture-options.h"
#include "common/draw/png-io.h"

static const char * const cmd_diff_usage[] = {
	"btrfs-heatmap diff [options] <old> <new>",
	"Show what changed between two states of a btrfs filesystem.",
	"",
	"Each side is a picture written by show, bg, the btrfs-heatmap 9",
	"command line or balance-least-used --frames, or a mounted btrfs path,",
	"drawn now as the other side was drawn.  Writes one picture of the same",
	"geometry, over a dimmed grey of what stayed the same:",
	"  bluish green  allocated: black before, in use after",
	"  vermillion    freed: in use before, black after",
	"  sky blue      filled: the same type, more used",
	"  orange        emptied: the same type, less used",
	"  yellow        type changed",
	"and prints allocated and used bytes per type and profile before and",
	"after, unallocated bytes per device, block groups added, removed and",
	"changed (the largest, by address), and pixels of each kind.  Pictures",
	"without a scan inside (btrfs-heatmap 9's) are compared by their pixels.",
	"Automatic file name: fsid_<uuid>_diff_<old time>_<new time>.png",
	"",
	OPTLINE("-o|--output FILE|DIR|-", "write the PNG to FILE, into DIR under an automatic name, or to standard output"),
	OPTLINE("--format text|json", "the summary as text lines (default) or as one JSON object"),
	OPTLINE("--side-by-side", "write old | new | diff in one picture"),
	OPTLINE("--force", "compare sides whose geometry differs (a device that grew) pixel by pixel"),
	OPTLINE("--exit-code", "exit 2 when the sides differ, 0 when they are the same (1 stays for errors)"),
	OPTLINE("-v|--verbose", "a line for every changed block group, not only the largest"),
	OPTLINE("-q|--quiet", "print nothing but errors"),
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

struct diff_job {
	struct diff_side *old;
	struct diff_side *new;
	struct diff_summary *sum;
	bool side_by_side;
	uint8_t *row;
	size_t row_len;
};

/* Classify the next pixel pair row into job->row; the writer copies it. */
static int diff_next_row(void *ctx)
{
	struct diff_job *job = ctx;
	const uint8_t *a, *b;
	uint32_t w = job->old->width, x;
	enum diff_class c;
	uint8_t *out = job->row;
	int err;

	err = png_reader_next_row(&job->old->rd, &a);
	if (!err)
		err = png_reader_next_row(&job->new->rd, &b);
	if (err)
		return err;
	if (job->side_by_side) {
		memcpy(out, a, (size_t)w * 3);
		memcpy(out + (size_t)w * 3, b, (size_t)w * 3);
		out += (size_t)w * 6;
	}
	for (x = 0; x < w; x++) {
		c = diff_classify(a + 3 * x, b + 3 * x);
		job->sum->pixels[c]++;
		diff_paint(c, a + 3 * x, out + 3 * x);
	}
	return PNG_ROW_NEW;
}

static void diff_paint_row(void *ctx, uint8_t *row)
{
	const struct diff_job *job = ctx;

	memcpy(row, job->row, job->row_len);
}

/* "fsid_<uuid>..._at_<time>.png" as show names its pictures. */
static void name_from_file(const char *path, char *fsid, uint64_t *t)
{
	const char *base = strrchr(path, '/'), *at;
	struct stat st;

	base = base ? base + 1 : path;
	if (!strncmp(base, "fsid_", 5) && strlen(base) > 41 && base[41] == '_')
		snprintf(fsid, 37, "%.36s", base + 5);
	at = strstr(base, "_at_");
	if (at && sscanf(at + 4, "%" SCNu64, t) == 1)
		return;
	if (!stat(path, &st))
		*t = (uint64_t)st.st_mtime;
}

static char *output_name(const char *output, const struct diff_side *old,
			 const struct diff_side *new)
{
	char fsid[37] = "unknown";
	uint64_t t_old = 0, t_new = 0;
	const char *dir = "";
	struct stat st;
	char *name;

	if (output && (!strcmp(output, "-") || stat(output, &st) ||
		       !S_ISDIR(st.st_mode)))
		return strdup(output);
	if (output)
		dir = output;
	if (old->has_scan) {
		snprintf(fsid, sizeof(fsid), "%s", old->scan.fsid);
		t_old = old->scan.time;
	} else {
		name_from_file(old->arg, fsid, &t_old);
	}
	if (new->has_scan) {
		snprintf(fsid, sizeof(fsid), "%s", new->scan.fsid);
		t_new = new->scan.time;
	} else {
		name_from_file(new->arg, fsid, &t_new);
	}
	if (asprintf(&name, "%s%sfsid_%s_diff_%llu_%llu.png", dir,
		     dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "", fsid,
		     (unsigned long long)t_old, (unsigned long long)t_new) < 0)
		return NULL;
	return name;
}

static void geometry_text(const struct scan *s, char *buf, size_t len)
{
	static const char * const curves[] = { "hilbert", "linear", "snake" };

	snprintf(buf, len, "%s curve %s order %u size %u", scan_kind_names[s->kind],
		 curves[s->curve], s->order, s->size);
}

/* The same block groups, in the same order: what two bg pictures need. */
static bool same_block_groups(const struct scan *a, const struct scan *b)
{
	uint32_t i;

	if (a->nr_bgs != b->nr_bgs)
		return false;
	for (i = 0; i < a->nr_bgs; i++)
		if (a->bgs[i].vaddr != b->bgs[i].vaddr)
			return false;
	return true;
}

/* Refuse sides that do not compare.  Return 0, or 1 after an error line. */
static int check_sides(const struct diff_side *old, const struct diff_side *new,
		       bool force)
{
	const struct scan *a = &old->scan, *b = &new->scan;
	char ga[96], gb[96];

	if (old->width != new->width || old->height != new->height) {
		error("different picture sizes: %s is %ux%u, %s is %ux%u",
		      old->arg, old->width, old->height, new->arg, new->width,
		      new->height);
		return 1;
	}
	if (!old->has_scan || !new->has_scan)
		return 0;
	if (strcmp(a->fsid, b->fsid)) {
		error("different filesystems: %s is %s, %s is %s", old->arg,
		      a->fsid, new->arg, b->fsid);
		return 1;
	}
	geometry_text(a, ga, sizeof(ga));
	geometry_text(b, gb, sizeof(gb));
	if (strcmp(ga, gb)) {
		error("different geometries: %s is %s, %s is %s", old->arg, ga,
		      new->arg, gb);
		return 1;
	}
	if (a->kind != SCAN_BG && strcmp(a->scope, b->scope)) {
		error("different scopes: %s was drawn with '%s', %s with '%s'",
		      old->arg, a->scope, new->arg, b->scope);
		return 1;
	}
	if (a->kind == SCAN_BG && !same_block_groups(a, b)) {
		error("different block groups: %s and %s do not draw the same ones",
		      old->arg, new->arg);
		return 1;
	}
	if (a->total_bytes != b->total_bytes && !force) {
		error("different geometries: %s spans %llu bytes, %s %llu (a device grew or shrank); --force compares them anyway",
		      old->arg, (unsigned long long)a->total_bytes, new->arg,
		      (unsigned long long)b->total_bytes);
		return 1;
	}
	return 0;
}

/* Open @side's PNG.  Return 0, 1 after an error line. */
static int load_file(struct diff_side *side)
{
	struct stat st;
	FILE *fp;
	int fd, err;

	fd = open(side->arg, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		error("cannot open %s: %m", side->arg);
		return 1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		error("not a picture or a mounted btrfs filesystem: %s",
		      side->arg);
		return 1;
	}
	fp = fdopen(fd, "rb");
	if (!fp) {
		close(fd);
		error("cannot open %s: %m", side->arg);
		return 1;
	}
	err = diff_side_load(side, fp);
	switch (-err) {
	case 0:
		return 0;
	case EBADMSG:
		error("damaged or hostile scan in %s: not drawn by this tool as it says",
		      side->arg);
		break;
	case ENOTSUP:
		error("the scan in %s is of a later btrfs-heatmap", side->arg);
		break;
	case EINVAL:
		error("not a PNG, or a damaged or truncated one: %s", side->arg);
		break;
	default:
		error("cannot read %s: %s", side->arg, strerror(-err));
		break;
	}
	return 1;
}

/*
 * A directory, or an image file or block device of a filesystem (drawn
 * now, as a mounted one is), is live.
 */
static bool is_live(const char *arg)
{
	struct stat st;

	return !stat(arg, &st) && (S_ISDIR(st.st_mode) || image_fs_probe(arg));
}

static int write_diff(struct diff_job *job, const char *path)
{
	uint32_t w = job->old->width, h = job->old->height;
	uint32_t out_w = job->side_by_side ? 3 * w : w;
	const struct png_row_source src = {
		.next = diff_next_row, .paint = diff_paint_row, .ctx = job,
	};
	struct atomic_file af;
	int err;

	if (!out_w || !h)
		return -EINVAL;
	job->row_len = (size_t)out_w * 3;
	job->row = malloc(job->row_len);
	if (!job->row)
		return -ENOMEM;
	err = diff_side_rewind(job->old);
	if (!err)
		err = diff_side_rewind(job->new);
	if (!err)
		err = atomic_file_open(&af, path);
	if (err)
		goto out;
	err = png_write_rgb(af.fp, out_w, h, &src, NULL);
	if (err) {
		atomic_file_abort(&af);
		goto out;
	}
	err = atomic_file_commit(&af);
out:
	free(job->row);
	return err;
}

/*
 * Write the diff of @old and @new and print its summary.  Return 0, 1
 * after an error line, or with @exit_code 2 when the sides differ.
 */
static int run_diff(struct diff_side *old, struct diff_side *new,
		    const char *output, bool force, bool side_by_side,
		    bool json, bool all, bool exit_code)
{
	struct diff_summary sum = { 0 };
	struct diff_job job = {
		.old = old, .new = new, .sum = &sum, .side_by_side = side_by_side,
	};
	struct diff_report_side ro, rn;
	const struct scan *sc;
	char *path = NULL;
	int ret = 1, err;

	if (check_sides(old, new, force))
		goto out;
	if (old->has_scan && new->has_scan &&
	    diff_summary_scans(&sum, &old->scan, &new->scan)) {
		error("out of memory");
		goto out;
	}
	sc = new->has_scan ? &new->scan : old->has_scan ? &old->scan : NULL;
	sum.nr_pixels = (uint64_t)old->width * old->height;
	if (sc)
		sum.bytes_per_pixel = (double)sc->total_bytes / sum.nr_pixels;
	path = output_name(output, old, new);
	if (!path) {
		error("out of memory");
		goto out;
	}
	err = write_diff(&job, path);
	if (err) {
		error("cannot write picture %s: %s", path, strerror(-err));
		goto out;
	}
	if (!json)
		pr_verbose(0, "pngfile %s", path);
	ro = (struct diff_report_side){ old->arg, old->live, old->has_scan,
					old->scan.time };
	rn = (struct diff_report_side){ new->arg, new->live, new->has_scan,
					new->scan.time };
	if (json) {
		if (msg_verbosity >= 0 && diff_report_json(&sum, &ro, &rn, all,
							   stdout)) {
			error("out of memory");
			goto out;
		}
	} else {
		diff_report_text(&sum, &ro, &rn, all);
	}
	ret = exit_code && !diff_summary_unchanged(&sum) ? 2 : 0;
out:
	free(path);
	diff_summary_release(&sum);
	return ret;
}

static int cmd_diff(const struct cmd_struct *cmd, int argc, char **argv)
{
	enum { OPT_FORMAT = 300, OPT_FORCE, OPT_SIDE_BY_SIDE, OPT_EXIT_CODE };
	static const struct option long_options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "side-by-side", no_argument, NULL, OPT_SIDE_BY_SIDE },
		{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
		{ NULL, 0, NULL, 0 }
	};
	static const char * const formats[] = { "text", "json", NULL };
	const char *output = NULL;
	struct diff_side old = { 0 }, new = { 0 };
	bool force = false, side_by_side = false, json = false;
	bool exit_code = false;
	int verbose = 0, opt, ret = 1;

	while ((opt = getopt_long(argc, argv, ":o:vq", long_options,
				  NULL)) != -1) {
		switch (opt) {
		case 'o':
			if (!optarg[0]) {
				usage_error(cmd, "empty --output");
				return 1;
			}
			output = optarg;
			break;
		case 'v':
			verbose++;
			break;
		case 'q':
			verbose--;
			break;
		case OPT_FORMAT:
			if (parse_choice(optarg, formats) < 0) {
				usage_error(cmd, "invalid --format '%s': choose text or json",
					    optarg);
				return 1;
			}
			json = parse_choice(optarg, formats) == 1;
			break;
		case OPT_FORCE:
			force = true;
			break;
		case OPT_SIDE_BY_SIDE:
			side_by_side = true;
			break;
		case OPT_EXIT_CODE:
			exit_code = true;
			break;
		default:
			report_bad_option(cmd, argv, opt);
			return 1;
		}
	}
	if (argc - optind < 2) {
		usage_error(cmd, "two sides needed: <old> <new>");
		return 1;
	}
	if (check_argc_max(cmd, argc, argv, 2))
		return 1;
	if (json && output && !strcmp(output, "-")) {
		usage_error(cmd, "--format json and --output - both want standard output");
		return 1;
	}
	msg_verbosity = output && !strcmp(output, "-") ? -1 : verbose;
	old.arg = argv[optind];
	new.arg = argv[optind + 1];
	if (is_live(old.arg) && is_live(new.arg)) {
		error("two live filesystems: one side must be a picture");
		return 1;
	}
	if (!is_live(old.arg) && load_file(&old))
		goto out;
	if (!is_live(new.arg) && load_file(&new))
		goto out;
	if (is_live(old.arg) && diff_side_scan_live(&old, &new))
		goto out;
	if (is_live(new.arg) && diff_side_scan_live(&new, &old))
		goto out;
	ret = run_diff(&old, &new, output, force, side_by_side, json,
		       verbose > 0, exit_code);
out:
	diff_side_release(&old);
	diff_side_release(&new);
	return ret;
}

DEFINE_SIMPLE_COMMAND(diff, "diff");
