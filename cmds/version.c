// SPDX-License-Identifier: MIT
#include <stdio.h>
#include "cmds/commands.h"
#include "common/help.h"

/* Set by the Makefile: its VERSION, or git describe in a git checkout. */
#ifndef HEATMAP_VERSION
#define HEATMAP_VERSION "unknown"
#endif

static const char * const cmd_version_usage[] = {
	"btrfs-heatmap version [options]",
	"Print the version of btrfs-heatmap.",
	"",
	"The same as btrfs-heatmap --version.",
	"",
	/* NOLINTNEXTLINE(bugprone-suspicious-missing-comma): OPTLINE joins two */
	OPTLINE("-h|--help", "print this help and exit"),
	NULL
};

int cmd_version(int argc, char **argv)
{
	if (args_want_help(argc, argv)) {
		usage_print(cmd_version_usage);
		return 0;
	}
	if (argc > 1) {
		usage_error("btrfs-heatmap version", "too many arguments: '%s'",
			    argv[1]);
		return 1;
	}
	printf("btrfs-heatmap %s\n", HEATMAP_VERSION);
	return 0;
}

const struct cmd_struct cmd_struct_version = {
	"version", cmd_version, cmd_version_usage
};
