// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "cmds/commands.h"
#include "cmds/show.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/picture-run.h"
#include "common/picture-scan.h"
#include "common/u64-list.h"

static const char * const cmd_show_usage[] = {
	"btrfs-heatmap show [options] [<path>]",
	"Draw how a mounted btrfs filesystem uses the raw space of its devices.",
	"",
	"Allocated space is coloured by type (data white, metadata blue, system",
	"red, mixed light blue) and brighter the fuller its block group is.",
	"<path> is any file or directory in the filesystem, / by default; or",
	"image files or block devices of a filesystem that is not mounted (one",
	"path per device), read without the kernel and without root.",
	"",
	OPTLINE("--sort physical|virtual", "physical: device extents in device order, devices one after another by devid (default); virtual: chunks in address order"),
	OPTLINE("--device DEVID", "draw only this device (repeat for more, drawn in the order given)"),
	OPTLINE("--no-scan", "write the bare picture, without the scan it was drawn from (see btrfs-heatmap diff)"),
	PICTURE_OPTLINES,
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

/* What show draws. */
struct show_job {
	const char *path;
	const struct picture_options *po;
	struct space_map_options opts;
	bool with_scan;
};

static int show_draw(void *ctx, const struct btrfs_fs *fs, struct grid *grid)
{
	struct show_job *job = ctx;
	const uint64_t *missing_devid;
	struct scan scan;
	int err;

	if (job->with_scan)
		err = space_map_draw_scan(fs, &job->opts, grid, &missing_devid,
					  &scan);
	else
		err = space_map_draw(fs, &job->opts, grid, &missing_devid);
	if (!err && job->with_scan) {
		err = picture_attach_scan(grid, &scan);
		if (err)
			grid_release(grid);
	}
	if (err && missing_devid)
		error("no device with devid %llu in %s",
		      (unsigned long long)*missing_devid, job->path);
	else if (err)
		picture_report_error(fs, job->path, err, job->po);
	return err;
}

static void show_name_suffix(void *ctx, char *buf, size_t len)
{
	struct show_job *job = ctx;

	snprintf(buf, len, "%s", job->opts.sort == SORT_VIRTUAL ? "_chunks" : "");
}

int show_filesystem(const char *path, const struct picture_options *po,
		    enum space_map_sort sort, const uint64_t *devids,
		    int nr_devids, bool with_scan)
{
	struct show_job job = {
		.path = path,
		.po = po,
		.with_scan = with_scan,
		.opts = {
			.sort = sort,
			.curve = po->curve,
			.order = po->order,
			.size = po->size,
			.devids = devids,
			.nr_devids = nr_devids,
		},
	};

	return picture_run(path, po, show_draw, show_name_suffix, &job);
}

static int cmd_show(int argc, char **argv)
{
	enum { OPT_SORT = OPT_COMMAND_FIRST, OPT_DEVICE, OPT_NO_SCAN };
	static const struct option long_options[] = {
		PICTURE_LONG_OPTIONS,
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "no-scan", no_argument, NULL, OPT_NO_SCAN },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "btrfs-heatmap show";
	enum space_map_sort sort = SORT_PHYSICAL;
	struct picture_options po;
	uint64_t *devids = NULL;
	int nr_devids = 0, opt, ret;
	bool with_scan = true;

	if (args_want_help(argc, argv)) {
		usage_print(cmd_show_usage);
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
		case OPT_SORT:
			if (parse_sort_option(cmd, optarg, &sort))
				goto fail;
			break;
		case OPT_DEVICE:
			if (u64_list_add_arg(cmd, "--device", optarg, 1,
					     "a device id (1, 2, ...)",
					     &devids, &nr_devids))
				goto fail;
			break;
		case OPT_NO_SCAN:
			with_scan = false;
			break;
		default:
			report_bad_option(cmd, argv, opt);
			goto fail;
		}
	}
	if (picture_options_paths(&po, cmd, argc, argv, optind))
		goto fail;
	ret = show_filesystem(optind < argc ? argv[optind] : "/", &po, sort,
			      devids, nr_devids, with_scan);
	free(devids);
	return ret;
fail:
	free(devids);
	return 1;
}

const struct cmd_struct cmd_struct_show = {
	"show", cmd_show, cmd_show_usage
};
