/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_COMMANDS_H
#define HEATMAP_COMMANDS_H

#include "common/help.h"

/*
 * Define cmd_struct_<token> for the command @_name, whose function is
 * cmd_<token>() and whose usage is cmd_<token>_usage[], as btrfs-progs'
 * DEFINE_SIMPLE_COMMAND does.
 */
#define DEFINE_SIMPLE_COMMAND(token, _name)				\
	const struct cmd_struct cmd_struct_##token = {			\
		.name = _name,						\
		.fn = cmd_##token,					\
		.usage = cmd_##token##_usage,				\
	}

extern const struct cmd_struct cmd_struct_balance_least_used;
extern const struct cmd_struct cmd_struct_bg;
extern const struct cmd_struct cmd_struct_diff;
extern const struct cmd_struct cmd_struct_film;
extern const struct cmd_struct cmd_struct_show;
extern const struct cmd_struct cmd_struct_version;

/*
 * The reference's command line, "btrfs-heatmap [options] <mountpoint>",
 * for scripts and cron jobs written for btrfs-heatmap 9.
 */
extern const struct cmd_struct cmd_struct_legacy;

#endif
