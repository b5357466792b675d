// SPDX-License-Identifier: MIT
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "cmds/bg.h"
#include "cmds/commands.h"
#include "common/extent-map.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/picture-run.h"
#include "common/picture-scan.h"
#include "common/u64-list.h"

static const char * const cmd_bg_usage[] = {
	"btrfs-heatmap bg [options] [<path>]",
	"Draw the extents inside block groups of a mounted btrfs filesystem.",
	"",
	"Every extent is drawn as its bytes along the curve, about a sector a",
	"pixel: data white, metadata tree blocks in the colour of their tree,",
	"free space black.  Several block groups are drawn one after another.",
	"Choose them with exactly one of --vaddr, --newest, --oldest,",
	"--least-used and --all.  <path> is any file or directory in the",
	"filesystem, / by default, or image files or block devices of one that",
	"is not mounted (one path per device), read without root.  With -v, a",
	"line per block group gives its type, profile, length and use:",
	"  block_group VADDR type T profile P length L used U used_pct X",
	"",
	"Automatic file names, for one block group and for several:",
	"  fsid_<uuid>[_<curve>]_blockgroup_<vaddr>_at_<time>.png",
	"  fsid_<uuid>[_<curve>]_blockgroups_<count>_startat_<first vaddr>_at_<time>.png",
	"",
	OPTLINE("--vaddr VADDR", "the block group that starts at VADDR; repeat for more, drawn in the order given"),
	OPTLINE("--newest N", "the N block groups with the highest addresses, drawn in address order"),
	OPTLINE("--oldest N", "the N block groups with the lowest addresses, in address order"),
	OPTLINE("--least-used N", "the N block groups with the lowest used/length, least used first (ties: lower address first)"),
	OPTLINE("--all", "every block group, in address order"),
	OPTLINE("--type data|metadata|system|any", "only block groups of this type, not with --vaddr (default data; any with --all); mixed block groups are data and metadata"),
	PICTURE_OPTLINES,
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

static const char * const selector_options[] = {
	[BG_SELECT_VADDR] = "--vaddr",
	[BG_SELECT_NEWEST] = "--newest",
	[BG_SELECT_OLDEST] = "--oldest",
	[BG_SELECT_LEAST_USED] = "--least-used",
	[BG_SELECT_ALL] = "--all",
};

static void report_missing(const struct btrfs_fs *fs, const char *path,
			   uint64_t vaddr)
{
	struct block_group_info bg;

	if (bg_select_containing(fs, vaddr, &bg) > 0)
		error("no block group at vaddr %llu in %s: it is inside the block group at %llu",
		      (unsigned long long)vaddr, path,
		      (unsigned long long)bg.vaddr);
	else
		error("no block group at vaddr %llu in %s",
		      (unsigned long long)vaddr, path);
}

/* What bg draws; the block groups drawn name the file. */
struct bg_job {
	const char *path;
	const struct picture_options *po;
	const struct bg_selection *sel;
	bool summary;
	int nr;			/* block groups drawn */
	uint64_t first_vaddr;	/* the first of them */
};

/* The options that chose the block groups, for the picture's scan. */
static void selection_text(const struct bg_selection *sel, char *buf,
			   size_t len)
{
	size_t pos = 0;
	int i;

	buf[0] = 0;
	if (sel->how == BG_SELECT_VADDR) {
		for (i = 0; i < sel->nr_vaddrs && pos < len; i++)
			pos += snprintf(buf + pos, len - pos, "%s--vaddr %llu",
					i ? " " : "",
					(unsigned long long)sel->vaddrs[i]);
		return;
	}
	if (sel->how == BG_SELECT_ALL)
		pos = snprintf(buf, len, "--all");
	else
		pos = snprintf(buf, len, "%s %llu", selector_options[sel->how],
			       (unsigned long long)sel->count);
	if (pos < len)
		snprintf(buf + pos, len - pos, " --type %s",
			 bg_type_names[sel->type]);
}

static int bg_draw(void *ctx, const struct btrfs_fs *fs, struct grid *grid)
{
	struct bg_job *job = ctx;
	struct extent_map_options opts = {
		.curve = job->po->curve,
		.order = job->po->order,
		.size = job->po->size,
		.summary = job->summary,
	};
	struct block_group_info *bgs = NULL;
	const uint64_t *missing_vaddr;
	char scope[SCAN_SCOPE_MAX + 1];
	struct scan scan;
	int nr, err;

	nr = bg_select(fs, job->sel, &bgs, &missing_vaddr);
	if (nr < 0) {
		if (missing_vaddr)
			report_missing(fs, job->path, *missing_vaddr);
		else
			picture_report_error(fs, job->path, nr, job->po);
		return nr;
	}
	if (nr == 0) {
		if (job->sel->type == BG_TYPE_ANY)
			error("no block groups in %s", job->path);
		else
			error("no %s block groups in %s",
			      bg_type_names[job->sel->type], job->path);
		free(bgs);
		return -ENOENT;
	}
	err = extent_map_draw(fs, bgs, nr, &opts, grid);
	if (!err) {
		selection_text(job->sel, scope, sizeof(scope));
		err = scan_block_groups(fs, bgs, nr, grid, scope, &scan);
		if (!err)
			err = picture_attach_scan(grid, &scan);
		if (err)
			grid_release(grid);
	}
	if (err)
		picture_report_error(fs, job->path, err, job->po);
	job->nr = nr;
	job->first_vaddr = bgs[0].vaddr;
	free(bgs);
	return err;
}

static void bg_name_suffix(void *ctx, char *buf, size_t len)
{
	struct bg_job *job = ctx;

	if (job->nr == 1)
		snprintf(buf, len, "_blockgroup_%llu",
			 (unsigned long long)job->first_vaddr);
	else
		snprintf(buf, len, "_blockgroups_%d_startat_%llu", job->nr,
			 (unsigned long long)job->first_vaddr);
}

int show_block_groups(const char *path, const struct picture_options *po,
		      const struct bg_selection *sel, bool summary)
{
	struct bg_job job = {
		.path = path,
		.po = po,
		.sel = sel,
		.summary = summary,
	};

	return picture_run(path, po, bg_draw, bg_name_suffix, &job);
}

/* Take selector @how; only --vaddr may come more than once. */
static int set_selector(const char *cmd, struct bg_selection *sel,
			enum bg_selector how)
{
	if (sel->how == BG_SELECT_NONE || (sel->how == how &&
					   how == BG_SELECT_VADDR)) {
		sel->how = how;
		return 0;
	}
	if (sel->how == how)
		usage_error(cmd, "%s given twice", selector_options[how]);
	else
		usage_error(cmd, "%s and %s cannot be combined: choose block groups one way",
			    selector_options[sel->how], selector_options[how]);
	return -1;
}

static int parse_count(const char *cmd, enum bg_selector how,
		       const char *arg, uint64_t *count)
{
	if (parse_u64(arg, count) || *count < 1) {
		usage_error(cmd, "invalid %s '%s': a whole number from 1",
			    selector_options[how], arg);
		return -1;
	}
	return 0;
}

static int cmd_bg(int argc, char **argv)
{
	enum {
		OPT_VADDR = OPT_COMMAND_FIRST,
		OPT_NEWEST,
		OPT_OLDEST,
		OPT_LEAST_USED,
		OPT_ALL,
		OPT_TYPE,
	};
	static const struct option long_options[] = {
		PICTURE_LONG_OPTIONS,
		{ "vaddr", required_argument, NULL, OPT_VADDR },
		{ "newest", required_argument, NULL, OPT_NEWEST },
		{ "oldest", required_argument, NULL, OPT_OLDEST },
		{ "least-used", required_argument, NULL, OPT_LEAST_USED },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "type", required_argument, NULL, OPT_TYPE },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "btrfs-heatmap bg";
	struct bg_selection sel = { .how = BG_SELECT_NONE };
	struct picture_options po;
	uint64_t *vaddrs = NULL;
	bool have_type = false;
	int nr_vaddrs = 0, opt, ret, val;
	enum bg_selector how;

	if (args_want_help(argc, argv)) {
		usage_print(cmd_bg_usage);
		return 0;
	}
	picture_options_init(&po);
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":" PICTURE_SHORT_OPTIONS,
				  long_options, NULL)) != -1) {
		ret = picture_options_parse(&po, cmd, opt, optarg);
		if (ret < 0)
			goto fail;
		if (ret)
			continue;
		switch (opt) {
		case OPT_VADDR:
			if (set_selector(cmd, &sel, BG_SELECT_VADDR) ||
			    u64_list_add_arg(cmd, "--vaddr", optarg, 0,
					     "the address where a block group starts",
					     &vaddrs, &nr_vaddrs))
				goto fail;
			break;
		case OPT_NEWEST:
		case OPT_OLDEST:
		case OPT_LEAST_USED:
			how = opt == OPT_NEWEST ? BG_SELECT_NEWEST :
			      opt == OPT_OLDEST ? BG_SELECT_OLDEST :
						  BG_SELECT_LEAST_USED;
			if (set_selector(cmd, &sel, how) ||
			    parse_count(cmd, how, optarg, &sel.count))
				goto fail;
			break;
		case OPT_ALL:
			if (set_selector(cmd, &sel, BG_SELECT_ALL))
				goto fail;
			break;
		case OPT_TYPE:
			val = parse_choice(optarg, bg_type_names);
			if (val < 0) {
				usage_error(cmd, "invalid --type '%s': choose data, metadata, system or any",
					    optarg);
				goto fail;
			}
			if (have_type) {
				usage_error(cmd, "--type given twice");
				goto fail;
			}
			sel.type = val;
			have_type = true;
			break;
		default:
			report_bad_option(cmd, argv, opt);
			goto fail;
		}
	}
	if (picture_options_paths(&po, cmd, argc, argv, optind))
		goto fail;
	if (sel.how == BG_SELECT_NONE) {
		usage_error(cmd, "no block groups chosen: give --vaddr, --newest, --oldest, --least-used or --all");
		goto fail;
	}
	if (sel.how == BG_SELECT_VADDR && have_type) {
		usage_error(cmd, "--type does not go with --vaddr: the addresses say which block groups");
		goto fail;
	}
	if (!have_type)
		sel.type = sel.how == BG_SELECT_ALL ? BG_TYPE_ANY : BG_TYPE_DATA;
	sel.vaddrs = vaddrs;
	sel.nr_vaddrs = nr_vaddrs;
	ret = show_block_groups(optind < argc ? argv[optind] : "/", &po, &sel,
				true);
	free(vaddrs);
	return ret;
fail:
	free(vaddrs);
	return 1;
}

const struct cmd_struct cmd_struct_bg = {
	"bg", cmd_bg, cmd_bg_usage
};
