/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_COMMANDS_H
#define HEATMAP_COMMANDS_H

#include "common/help.h"

extern const struct cmd_struct cmd_struct_balance_least_used;
extern const struct cmd_struct cmd_struct_bg;
extern const struct cmd_struct cmd_struct_show;
extern const struct cmd_struct cmd_struct_version;

/*
 * The reference's command line, "btrfs-heatmap [options] <mountpoint>",
 * for scripts and cron jobs written for btrfs-heatmap 9.
 */
extern const struct cmd_struct cmd_struct_legacy;

#endif
