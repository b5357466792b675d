/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PICTURE_OPTIONS_H
#define HEATMAP_PICTURE_OPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include "common/draw/curve.h"
#include "common/help.h"
#include "common/json-output.h"
#include "common/picture/space-map.h"

/* The options every picture-making command shares. */
struct picture_options {
	enum curve_type curve;
	int order;		/* -1: choose */
	int size;		/* -1: choose */
	const char *output;	/* NULL: automatic name here */
	int verbose;		/* count of -v minus count of -q */
	bool sync;
	int super;		/* superblock copy of image files */
	const char * const *paths;	/* several image files, or NULL */
	int nr_paths;
	enum output_format format;	/* --format json: a document, no lines */
};

enum {
	OPT_CURVE = 256,
	OPT_ORDER,
	OPT_SIZE,
	OPT_SYNC,
	OPT_SUPER,
	OPT_FORMAT,
	OPT_COMMAND_FIRST = 300,	/* commands number theirs from here */
};

#define PICTURE_SHORT_OPTIONS	"o:vq"
#define PICTURE_LONG_OPTIONS						\
	{ "curve", required_argument, NULL, OPT_CURVE },		\
	{ "order", required_argument, NULL, OPT_ORDER },		\
	{ "size", required_argument, NULL, OPT_SIZE },			\
	{ "output", required_argument, NULL, 'o' },			\
	{ "verbose", no_argument, NULL, 'v' },				\
	{ "quiet", no_argument, NULL, 'q' },				\
	{ "sync", no_argument, NULL, OPT_SYNC },			\
	{ "super", required_argument, NULL, OPT_SUPER }

/* --format, for the commands that describe their picture in JSON. */
#define PICTURE_FORMAT_OPTION						\
	{ "format", required_argument, NULL, OPT_FORMAT }

/* Usage lines for these options, to put into a command's usage array. */
#define PICTURE_OPTLINES						\
	OPTLINE("--curve hilbert|linear|snake",				\
		"curve the bytes follow (default hilbert)"),		\
	OPTLINE("--order N", "curve order: 2^N by 2^N pixels of data (default: from the size of what is drawn, at most 10)"), \
	OPTLINE("--size N", "picture of 2^N by 2^N pixels, N >= order (default 10, or the order if larger); at most 15"), \
	OPTLINE("-o|--output FILE|DIR|-", "write the PNG to FILE, into DIR under an automatic name, or to standard output"), \
	OPTLINE("-v|--verbose", "print more (repeat for even more)"),	\
	OPTLINE("-q|--quiet", "print less (-q: no normal output lines)"), \
	OPTLINE("--sync", "commit the filesystem first, so that data written just now shows"), \
	OPTLINE("--super N", "of image files and devices, read superblock copy N (0, the primary; 1 at 64 MiB; 2 at 256 GiB)")

void picture_options_init(struct picture_options *po);

/*
 * Take option @opt with argument @arg if it is one of ours.  Return 1 when
 * taken, 0 when not ours, -1 after printing an error about a bad value.
 */
int picture_options_parse(struct picture_options *po,
			  const struct cmd_struct *cmd, int opt, const char *arg);

/* What picture_getopt() returns after a bad value of one of ours. */
#define PICTURE_OPT_BAD		(-2)

/*
 * getopt_long() over @long_options (PICTURE_LONG_OPTIONS among them) and
 * PICTURE_SHORT_OPTIONS, taking the picture options into @po.  Return
 * the next option that is not one of them, -1 at the end, or
 * PICTURE_OPT_BAD after printing an error about a bad value, an unknown
 * option, or --format json with --output - (both want standard output).
 */
int picture_getopt(const struct cmd_struct *cmd, int argc, char **argv,
		   const struct option *long_options,
		   struct picture_options *po);

/*
 * Set the message verbosity: none at all when the PNG or the JSON
 * document goes to standard output.
 */
void picture_options_apply_verbosity(const struct picture_options *po);

/*
 * Take the paths @argv[@first] to @argv[@argc - 1]: several are the image
 * files or devices of one filesystem, and then none may be a directory.
 * Return 0, or -1 after printing an error.
 */
int picture_options_paths(struct picture_options *po,
			  const struct cmd_struct *cmd, int argc, char **argv,
			  int first);

/*
 * Parse the value of --sort into @sort.  Return 0, or -1 after printing
 * an error.
 */
int parse_sort_option(const struct cmd_struct *cmd, const char *arg,
		      enum space_map_sort *sort);

/*
 * Report a getopt failure (unknown option or missing argument) for @cmd
 * from the state getopt_long() left behind.
 */
void report_bad_option(const struct cmd_struct *cmd, char **argv, int opt);

#endif
