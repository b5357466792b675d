// SPDX-License-Identifier: MIT
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cmds/bg.h"
#include "cmds/commands.h"
#include "cmds/show.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"

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

static int cmd_legacy(int argc, char **argv)
{
	enum { OPT_SORT = OPT_COMMAND_FIRST, OPT_BLOCKGROUP };
	static const struct option long_options[] = {
		PICTURE_LONG_OPTIONS,
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "blockgroup", required_argument, NULL, OPT_BLOCKGROUP },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = "btrfs-heatmap";
	enum space_map_sort sort = SORT_PHYSICAL;
	struct picture_options po;
	const char *blockgroup = NULL;
	uint64_t vaddr;
	int opt, ret;

	if (args_want_help(argc, argv)) {
		usage_print(cmd_legacy_usage);
		return 0;
	}
	picture_options_init(&po);
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, ":" PICTURE_SHORT_OPTIONS,
				  long_options, NULL)) != -1) {
		ret = picture_options_parse(&po, cmd, opt, optarg);
		if (ret < 0)
			return 1;
		if (ret)
			continue;
		switch (opt) {
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
		default:
			report_bad_option(cmd, argv, opt);
			return 1;
		}
	}
	if (optind == argc) {
		usage_error(cmd, "the mountpoint is missing");
		return 1;
	}
	if (argc - optind > 1) {
		usage_error(cmd, "too many arguments: '%s'", argv[optind + 1]);
		return 1;
	}
	if (blockgroup) {
		struct bg_selection sel = {
			.how = BG_SELECT_VADDR,
			.vaddrs = &vaddr,
			.nr_vaddrs = 1,
		};

		/* Exactly the reference's lines: no summary at -v. */
		return show_block_groups(argv[optind], &po, &sel, false);
	}
	return show_filesystem(argv[optind], &po, sort, NULL, 0, true);
}

const struct cmd_struct cmd_struct_legacy = {
	"btrfs-heatmap", cmd_legacy, cmd_legacy_usage
};
