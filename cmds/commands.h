/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_COMMANDS_H
#define HEATMAP_COMMANDS_H

/* One subcommand: its name, its function and its usage text. */
struct cmd_struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char * const *usage;
};

extern const struct cmd_struct cmd_struct_balance_least_used;
extern const struct cmd_struct cmd_struct_bg;
extern const struct cmd_struct cmd_struct_diff;
extern const struct cmd_struct cmd_struct_show;
extern const struct cmd_struct cmd_struct_version;

/* Print the version line; --version and the version command. */
int cmd_version(int argc, char **argv);

/*
 * The reference's command line, "btrfs-heatmap [options] <mountpoint>",
 * for scripts and cron jobs written for btrfs-heatmap 9.
 */
extern const struct cmd_struct cmd_struct_legacy;

#endif
