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

static int cmd_version(const struct cmd_struct *cmd, int argc, char **argv)
{
	if (check_argc_max(cmd, argc, argv, 0))
		return 1;
	printf("btrfs-heatmap %s\n", HEATMAP_VERSION);
	return 0;
}

DEFINE_SIMPLE_COMMAND(version, "version");
