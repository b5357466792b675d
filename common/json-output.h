/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_JSON_OUTPUT_H
#define HEATMAP_JSON_OUTPUT_H

#include <stdint.h>
#include <stdio.h>
#include <json.h>
#include "common/help.h"

/* --format, btrfs-progs' name: the reference's text lines, or JSON. */
enum output_format {
	OUTPUT_TEXT,
	OUTPUT_JSON,
};

#define OUTPUT_FORMAT_OPTLINE(what)					\
	OPTLINE("--format text|json", what)

/*
 * Parse the value @arg of --format for @cmd into @format.  Return 0, or
 * -1 after printing the error line.
 */
int output_format_parse(const struct cmd_struct *cmd, const char *arg,
			enum output_format *format);

/* How a document is printed: a pretty one, or a line of JSON Lines. */
enum json_output_style {
	JSON_OUTPUT_DOCUMENT,
	JSON_OUTPUT_LINE,
};

/*
 * Print @root to @out, a newline after it, and drop the reference to it.
 * Return 0 or -ENOMEM (also when @root is NULL: a constructor failed).
 */
int json_output_print(json_object *root, FILE *out,
		      enum json_output_style style);

/* Add @key: @val to the object @o. */
void json_add_u64(json_object *o, const char *key, uint64_t val);
void json_add_string(json_object *o, const char *key, const char *val);

#endif
