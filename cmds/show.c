// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "cmds/commands.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/picture/picture.h"
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
	OUTPUT_FORMAT_OPTLINE("text: the lines of btrfs-heatmap 9 (default); json: one JSON document, devices, space per type and profile, the picture"),
	PICTURE_OPTLINES,
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

static int cmd_show(const struct cmd_struct *cmd, int argc, char **argv)
{
	enum { OPT_SORT = OPT_COMMAND_FIRST, OPT_DEVICE, OPT_NO_SCAN };
	static const struct option long_options[] = {
		PICTURE_LONG_OPTIONS,
		PICTURE_FORMAT_OPTION,
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "device", required_argument, NULL, OPT_DEVICE },
		{ "no-scan", no_argument, NULL, OPT_NO_SCAN },
		{ NULL, 0, NULL, 0 }
	};
	enum space_map_sort sort = SORT_PHYSICAL;
	struct picture_options po;
	uint64_t *devids = NULL;
	int nr_devids = 0, opt, err, ret = 1;
	bool with_scan = true;
	struct picture pic;
	struct grid grid;

	picture_options_init(&po);
	while ((opt = picture_getopt(cmd, argc, argv, long_options,
				     &po)) != -1) {
		switch (opt) {
		case PICTURE_OPT_BAD:
			goto out;
		case OPT_SORT:
			if (parse_sort_option(cmd, optarg, &sort))
				goto out;
			break;
		case OPT_DEVICE:
			if (u64_list_add_arg(cmd, "--device", optarg, 1,
					     "a device id (1, 2, ...)",
					     &devids, &nr_devids))
				goto out;
			break;
		case OPT_NO_SCAN:
			with_scan = false;
			break;
		}
	}
	if (picture_options_paths(&po, cmd, argc, argv, optind))
		goto out;
	if (!with_scan && po.format == OUTPUT_JSON) {
		usage_error(cmd, "--format json describes the picture from its scan: not with --no-scan");
		goto out;
	}

	if (picture_begin(&pic, optind < argc ? argv[optind] : "/", &po))
		goto out;
	pic.with_scan = with_scan;
	err = picture_draw_filesystem(&pic, sort, devids, nr_devids, &grid);
	ret = picture_finish(&pic, err, &grid,
			     sort == SORT_VIRTUAL ? "_chunks" : "");
out:
	free(devids);
	return ret;
}

DEFINE_SIMPLE_COMMAND(show, "show");
