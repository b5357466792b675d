// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cmds/commands.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/picture/picture.h"

static const char * const cmd_legacy_usage[] = {
	"btrfs-heatmap [options] <mountpoint>",
	"The command line of btrfs-heatmap 9, kept for existing scripts.",
	"",
	"Same as 'btrfs-heatmap show' (or 'btrfs-heatmap bg --vaddr' with",
	"--blockgroup); the mountpoint is required.",
	"",
	OPTLINE("--sort physical|virtual", "order of the overview (default physical)"),
	OPTLINE("--blockgroup VADDR", "instead of the overview, the extents of the block group at VADDR"),
	OPTLINE("--curve hilbert|linear|snake", "curve the bytes follow (default hilbert)"),
	OPTLINE("--order N", "curve order (default: chosen automatically)"),
	OPTLINE("--size N", "picture of 2^N by 2^N pixels (default 10)"),
	OPTLINE("-o|--output FILE|DIR|-", "PNG file name or directory (default: automatic name)"),
	OPTLINE("-v|--verbose", "print more (-v, -vv, -vvv)"),
	OPTLINE("-q|--quiet", "print less"),
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

static int cmd_legacy(const struct cmd_struct *cmd, int argc, char **argv)
{
	enum { OPT_SORT = OPT_COMMAND_FIRST, OPT_BLOCKGROUP };
	static const struct option long_options[] = {
		PICTURE_LONG_OPTIONS,
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "blockgroup", required_argument, NULL, OPT_BLOCKGROUP },
		{ NULL, 0, NULL, 0 }
	};
	enum space_map_sort sort = SORT_PHYSICAL;
	struct picture_options po;
	const char *blockgroup = NULL;
	struct picture pic;
	struct grid grid;
	char suffix[64];
	uint64_t vaddr;
	int opt, ret;

	picture_options_init(&po);
	while ((opt = picture_getopt(cmd, argc, argv, long_options,
				     &po)) != -1) {
		switch (opt) {
		case PICTURE_OPT_BAD:
			return 1;
		case OPT_SORT:
			if (parse_sort_option(cmd, optarg, &sort))
				return 1;
			break;
		case OPT_BLOCKGROUP:
			if (parse_u64(optarg, &vaddr)) {
				usage_error(cmd, "invalid --blockgroup '%s': a block group address",
					    optarg);
				return 1;
			}
			blockgroup = optarg;
			break;
		}
	}
	if (check_argc_min(cmd, argc, 1, "the mountpoint") ||
	    check_argc_max(cmd, argc, argv, 1))
		return 1;

	if (picture_begin(&pic, argv[optind], &po))
		return 1;
	if (blockgroup) {
		struct bg_selection sel = {
			.how = BG_SELECT_VADDR,
			.vaddrs = &vaddr,
			.nr_vaddrs = 1,
		};

		/* Exactly the reference's lines: no summary at -v. */
		ret = picture_draw_block_groups(&pic, &sel, false, &grid,
						suffix, sizeof(suffix));
	} else {
		ret = picture_draw_filesystem(&pic, sort, NULL, 0, &grid);
		snprintf(suffix, sizeof(suffix), "%s",
			 sort == SORT_VIRTUAL ? "_chunks" : "");
	}
	return picture_finish(&pic, ret, &grid, suffix);
}

DEFINE_SIMPLE_COMMAND(legacy, NULL);
