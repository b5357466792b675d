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
	"  blue          new space: a device grew or was added (--force)",
	"and prints allocated and used bytes per type and profile before and",
	"after, unallocated bytes per device, block groups added, removed and",
	"changed (the largest, by address), and pixels of each kind.  Pictures",
	"without a scan inside (btrfs-heatmap 9's) are compared by their pixels.",
	"Automatic file name: fsid_<uuid>_diff_<old time>_<new time>.png",
	"",
	OPTLINE("-o|--output FILE|DIR|-", "write the PNG to FILE, into DIR under an automatic name, or to standard output"),
	OPTLINE("--format text|json", "the summary as text lines (default) or as one JSON object"),
	OPTLINE("--side-by-side", "write old | new | diff in one picture"),
	OPTLINE("--force", "draw sides whose devices grew, shrank or were added, or of another curve, order or size, again from their scans in one geometry: the newer one's, each device at its larger size"),
	OPTLINE("--exit-code", "exit 2 when the sides differ, 0 when they are the same (1 stays for errors)"),
	OPTLINE("-v|--verbose", "a line for every changed block group, not only the largest"),
	OPTLINE("-q|--quiet", "print nothing but errors"),
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

struct diff_job {
	struct diff_side *old;
	struct diff_side *new;
	struct diff_side *mask;		/* white where old had space, or NULL */
	struct diff_summary *sum;
	bool side_by_side;
	uint8_t *row;
	size_t row_len;
};

/* Classify the next pixel pair row into job->row; the writer copies it. */
static int diff_next_row(void *ctx)
{
	struct diff_job *job = ctx;
	const uint8_t *a, *b, *m = NULL;
	uint32_t w = job->old->width, x;
	enum diff_class c;
	uint8_t *out = job->row;
	int err;

	err = png_reader_next_row(&job->old->rd, &a);
	if (!err)
		err = png_reader_next_row(&job->new->rd, &b);
	if (!err && job->mask)
		err = png_reader_next_row(&job->mask->rd, &m);
	if (err)
		return err;
	if (job->side_by_side) {
		memcpy(out, a, (size_t)w * 3);
		memcpy(out + (size_t)w * 3, b, (size_t)w * 3);
		out += (size_t)w * 6;
	}
	for (x = 0; x < w; x++) {
		if (m && !(m[3 * x] | m[3 * x + 1] | m[3 * x + 2]))
			c = diff_classify_new_space(b + 3 * x);
		else
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

enum sides {
	SIDES_SAME_GEOMETRY,	/* compare the pictures as they are */
	SIDES_REFUSED,		/* after an error line */
	SIDES_REDRAW,		/* draw both again from their scans */
};

/*
 * Refuse sides that do not compare.  With @force, sides whose geometry
 * differs (a device grew, another curve, order or size) are drawn again
 * from their scans in one geometry when both carry one; what differs
 * otherwise (filesystem, command, scope, block groups) never compares.
 */
static enum sides check_sides(const struct diff_side *old,
			      const struct diff_side *new, bool force)
{
	const struct scan *a = &old->scan, *b = &new->scan;
	bool scans = old->has_scan && new->has_scan;
	bool redraw = scans && a->kind == b->kind && a->kind != SCAN_BG;
	char ga[96], gb[96];

	if ((old->width != new->width || old->height != new->height) &&
	    !(redraw && force)) {
		error("different picture sizes: %s is %ux%u, %s is %ux%u%s",
		      old->arg, old->width, old->height, new->arg, new->width,
		      new->height, redraw ? "; --force draws both in one geometry" : "");
		return SIDES_REFUSED;
	}
	if (!scans)
		return SIDES_SAME_GEOMETRY;
	if (strcmp(a->fsid, b->fsid)) {
		error("different filesystems: %s is %s, %s is %s", old->arg,
		      a->fsid, new->arg, b->fsid);
		return SIDES_REFUSED;
	}
	geometry_text(a, ga, sizeof(ga));
	geometry_text(b, gb, sizeof(gb));
	if (a->kind != b->kind) {
		error("different geometries: %s is %s, %s is %s; not comparable, not even with --force",
		      old->arg, ga, new->arg, gb);
		return SIDES_REFUSED;
	}
	if (a->kind != SCAN_BG && strcmp(a->scope, b->scope)) {
		error("different scopes: %s was drawn with '%s', %s with '%s'",
		      old->arg, a->scope, new->arg, b->scope);
		return SIDES_REFUSED;
	}
	if (a->kind == SCAN_BG && !same_block_groups(a, b)) {
		error("different block groups: %s and %s do not draw the same ones",
		      old->arg, new->arg);
		return SIDES_REFUSED;
	}
	if (strcmp(ga, gb) && !(redraw && force)) {
		error("different geometries: %s is %s, %s is %s%s", old->arg,
		      ga, new->arg, gb, redraw ? "; --force draws both in one geometry" : "");
		return SIDES_REFUSED;
	}
	if (a->total_bytes != b->total_bytes && !force) {
		error("different geometries: %s spans %llu bytes, %s %llu (a device grew or shrank); --force draws both in one geometry",
		      old->arg, (unsigned long long)a->total_bytes, new->arg,
		      (unsigned long long)b->total_bytes);
		return SIDES_REFUSED;
	}
	if (redraw && (strcmp(ga, gb) || a->total_bytes != b->total_bytes))
		return SIDES_REDRAW;
	return SIDES_SAME_GEOMETRY;
}

/*
 * Draw both sides again from their scans in one geometry, every device at
 * the larger of its sizes, and into @mask the raw space the old side had.
 * Return 0, or 1 after an error line.
 */
static int redraw_sides(struct diff_side *old, struct diff_side *new,
			struct diff_side *mask, uint64_t *total_bytes)
{
	struct scan_layout l;
	int err;

	err = scan_layout_union(&old->scan, &new->scan, &l);
	if (!err)
		err = diff_side_redraw(old, &l, false, NULL);
	if (!err)
		err = diff_side_redraw(new, &l, false, NULL);
	if (!err)
		err = diff_side_redraw(old, &l, true, mask);
	*total_bytes = l.total_bytes;
	scan_layout_release(&l);
	if (err == -EBADMSG || err == -EINVAL)
		error("cannot draw %s and %s in one geometry: their scans do not agree on the devices",
		      old->arg, new->arg);
	else if (err)
		error("cannot draw %s and %s in one geometry: %s", old->arg,
		      new->arg, strerror(-err));
	return err ? 1 : 0;
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
	if (!err && job->mask)
		err = diff_side_rewind(job->mask);
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
	struct diff_side mask = { .arg = "mask" };
	struct diff_report_side ro, rn;
	uint64_t total_bytes = 0;
	const struct scan *sc;
	char *path = NULL;
	int ret = 1, err;

	switch (check_sides(old, new, force)) {
	case SIDES_REFUSED:
		goto out;
	case SIDES_REDRAW:
		if (redraw_sides(old, new, &mask, &total_bytes))
			goto out;
		job.mask = &mask;
		break;
	case SIDES_SAME_GEOMETRY:
		break;
	}
	if (old->has_scan && new->has_scan &&
	    diff_summary_scans(&sum, &old->scan, &new->scan)) {
		error("out of memory");
		goto out;
	}
	sc = new->has_scan ? &new->scan : old->has_scan ? &old->scan : NULL;
	sum.nr_pixels = (uint64_t)old->width * old->height;
	if (sc && !total_bytes)
		total_bytes = sc->total_bytes;
	if (total_bytes)
		sum.bytes_per_pixel = (double)total_bytes / sum.nr_pixels;
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
	diff_side_release(&mask);
	diff_summary_release(&sum);
	return ret;
}

static int cmd_diff(const struct cmd_struct *cmd, int argc, char **argv)
{
	enum { OPT_FORCE = OPT_COMMAND_FIRST, OPT_SIDE_BY_SIDE, OPT_EXIT_CODE };
	static const struct option long_options[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "quiet", no_argument, NULL, 'q' },
		PICTURE_FORMAT_OPTION,
		{ "force", no_argument, NULL, OPT_FORCE },
		{ "side-by-side", no_argument, NULL, OPT_SIDE_BY_SIDE },
		{ "exit-code", no_argument, NULL, OPT_EXIT_CODE },
		{ NULL, 0, NULL, 0 }
	};
	const char *output = NULL;
	struct diff_side old = { 0 }, new = { 0 };
	enum output_format format = OUTPUT_TEXT;
	bool force = false, side_by_side = false, exit_code = false;
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
			if (output_format_parse(cmd, optarg, &format))
				return 1;
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
	if (format == OUTPUT_JSON && output && !strcmp(output, "-")) {
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
	ret = run_diff(&old, &new, output, force, side_by_side,
		       format == OUTPUT_JSON, verbose > 0, exit_code);
out:
	diff_side_release(&old);
	diff_side_release(&new);
	return ret;
}

DEFINE_SIMPLE_COMMAND(diff, "diff");
