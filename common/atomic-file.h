/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_ATOMIC_FILE_H
#define HEATMAP_ATOMIC_FILE_H

#include <stdio.h>

/*
 * An output file that appears whole or not at all: written to a hidden
 * temporary file in the same directory, renamed over @path on commit,
 * removed on abort.  The path "-" means standard output.  What is there
 * and is no regular file (/dev/null, a FIFO, a symlink) is written in
 * place, through the link, as the reference does.
 */
struct atomic_file {
	char *path;
	char *tmp_path;
	FILE *fp;
};

/* Return 0 or -errno. */
int atomic_file_open(struct atomic_file *af, const char *path);

/* Flush and rename into place.  Return 0 or -errno. */
int atomic_file_commit(struct atomic_file *af);

/* Drop what was written. */
void atomic_file_abort(struct atomic_file *af);

#endif
