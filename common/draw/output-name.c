// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "common/draw/output-name.h"

char *output_file_name(const char *output, const char *stem)
{
	struct stat st;
	const char *dir = NULL;
	char *name;

	if (output && strcmp(output, "-") && stat(output, &st) == 0 &&
	    S_ISDIR(st.st_mode))
		dir = output;
	else if (output)
		return strdup(output);

	/* os.path.join(): no second slash after one already there. */
	if (asprintf(&name, "%s%s%s_at_%lld.png", dir ? dir : "",
		     dir && dir[0] && dir[strlen(dir) - 1] != '/' ? "/" : "",
		     stem, (long long)time(NULL)) < 0)
		return NULL;
	return name;
}
