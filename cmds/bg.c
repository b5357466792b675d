// SPDX-License-Identifier: MIT
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "cmds/commands.h"
#include "common/help.h"
#include "common/messages.h"
#include "common/parse-utils.h"
#include "common/picture/picture.h"
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
	OUTPUT_FORMAT_OPTLINE("text: the lines of btrfs-heatmap 9 (default); json: one JSON document, every block group drawn, the picture"),
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

/* Take selector @how; only --vaddr may come more than once. */
static int set_selector(const struct cmd_struct *cmd, struct bg_selection *sel,
			enum bg_selector how)
{
	if (sel->how == BG_SELECT_NONE || (sel->how == how &&
					   how == BG_SELECT_VADDR)) {
		sel->how = how;
		return 0;
	}
	if (sel->how == how)
		usage_error(cmd, "%s given twice", bg_selector_options[how]);
	else
		usage_error(cmd, "%s and %s cannot be combined: choose block groups one way",
			    bg_selector_options[sel->how], bg_selector_options[how]);
	return -1;
}

static int parse_count(const struct cmd_struct *cmd, enum bg_selector how,
		       const char *arg, uint64_t *count)
{
	if (parse_u64(arg, count) || *count < 1) {
		usage_error(cmd, "invalid %s '%s': a whole number from 1",
			    bg_selector_options[how], arg);
		return -1;
	}
	return 0;
}

static int cmd_bg(const struct cmd_struct *cmd, int argc, char **argv)
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
		PICTURE_FORMAT_OPTION,
		{ "vaddr", required_argument, NULL, OPT_VADDR },
		{ "newest", required_argument, NULL, OPT_NEWEST },
		{ "oldest", required_argument, NULL, OPT_OLDEST },
		{ "least-used", required_argument, NULL, OPT_LEAST_USED },
		{ "all", no_argument, NULL, OPT_ALL },
		{ "type", required_argument, NULL, OPT_TYPE },
		{ NULL, 0, NULL, 0 }
	};
	struct bg_selection sel = { .how = BG_SELECT_NONE };
	struct picture_options po;
	uint64_t *vaddrs = NULL;
	bool have_type = false;
	int nr_vaddrs = 0, opt, val, ret = 1;
	enum bg_selector how;
	struct picture pic;
	struct grid grid;
	char suffix[64];
	int err;

	picture_options_init(&po);
	while ((opt = picture_getopt(cmd, argc, argv, long_options,
				     &po)) != -1) {
		switch (opt) {
		case PICTURE_OPT_BAD:
			goto out;
		case OPT_VADDR:
			if (set_selector(cmd, &sel, BG_SELECT_VADDR) ||
			    u64_list_add_arg(cmd, "--vaddr", optarg, 0,
					     "the address where a block group starts",
					     &vaddrs, &nr_vaddrs))
				goto out;
			break;
		case OPT_NEWEST:
		case OPT_OLDEST:
		case OPT_LEAST_USED:
			how = opt == OPT_NEWEST ? BG_SELECT_NEWEST :
			      opt == OPT_OLDEST ? BG_SELECT_OLDEST :
						  BG_SELECT_LEAST_USED;
			if (set_selector(cmd, &sel, how) ||
			    parse_count(cmd, how, optarg, &sel.count))
				goto out;
			break;
		case OPT_ALL:
			if (set_selector(cmd, &sel, BG_SELECT_ALL))
				goto out;
			break;
		case OPT_TYPE:
			val = parse_choice(optarg, bg_type_names);
			if (val < 0) {
				usage_error(cmd, "invalid --type '%s': choose data, metadata, system or any",
					    optarg);
				goto out;
			}
			if (have_type) {
				usage_error(cmd, "--type given twice");
				goto out;
			}
			sel.type = val;
			have_type = true;
			break;
		}
	}
	if (picture_options_paths(&po, cmd, argc, argv, optind))
		goto out;
	if (sel.how == BG_SELECT_NONE) {
		usage_error(cmd, "no block groups chosen: give --vaddr, --newest, --oldest, --least-used or --all");
		goto out;
	}
	if (sel.how == BG_SELECT_VADDR && have_type) {
		usage_error(cmd, "--type does not go with --vaddr: the addresses say which block groups");
		goto out;
	}
	if (!have_type)
		sel.type = sel.how == BG_SELECT_ALL ? BG_TYPE_ANY : BG_TYPE_DATA;
	sel.vaddrs = vaddrs;
	sel.nr_vaddrs = nr_vaddrs;

	if (picture_begin(&pic, optind < argc ? argv[optind] : "/", &po))
		goto out;
	err = picture_draw_block_groups(&pic, &sel, true, &grid, suffix,
					sizeof(suffix));
	ret = picture_finish(&pic, err, &grid, suffix);
out:
	free(vaddrs);
	return ret;
}

DEFINE_SIMPLE_COMMAND(bg, "bg");
