// SPDX-License-Identifier: MIT
/*
 * What every --format json shares: the option's values and the printing.
 * Written with json-c.
 */
#include <errno.h>
#include "common/help.h"
#include "common/json-output.h"
#include "common/parse-utils.h"

static const char * const format_names[] = {
	[OUTPUT_TEXT] = "text",
	[OUTPUT_JSON] = "json",
	NULL
};

int output_format_parse(const struct cmd_struct *cmd, const char *arg,
			enum output_format *format)
{
	int val = parse_choice(arg, format_names);

	if (val < 0) {
		usage_error(cmd, "invalid --format '%s': choose text or json",
			    arg);
		return -1;
	}
	*format = val;
	return 0;
}

int json_output_print(json_object *root, FILE *out,
		      enum json_output_style style)
{
	int flags = JSON_C_TO_STRING_NOSLASHESCAPE;
	const char *text;

	if (!root)
		return -ENOMEM;
	flags |= style == JSON_OUTPUT_LINE ? JSON_C_TO_STRING_PLAIN :
					     JSON_C_TO_STRING_PRETTY;
	text = json_object_to_json_string_ext(root, flags);
	if (text)
		fprintf(out, "%s\n", text);
	json_object_put(root);
	return text ? 0 : -ENOMEM;
}

void json_add_u64(json_object *o, const char *key, uint64_t val)
{
	json_object_object_add(o, key, json_object_new_uint64(val));
}

void json_add_string(json_object *o, const char *key, const char *val)
{
	json_object_object_add(o, key, json_object_new_string(val));
}
