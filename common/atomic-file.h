/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_ATOMIC_FILE_H
#define HEATMAP_ATOMIC_FILE_H

#include <stdio.h>

/* How long a FIFO at the output name may wait for its reader. */
#define ATOMIC_FILE_FIFO_WAIT_SEC	10

/*
 * An output file that appears whole or not at all: written to a hidden
 * temporary file in the same directory, renamed over @path on commit,
 * removed on abort.  A file that was there keeps its mode, owner and group
 * (a hard link to it keeps the old contents).  The path "-" means standard
 * output.
 *
 * A symlink at @path is followed only when it belongs to the caller's
 * effective user or to root (else -EACCES, as the kernel's
 * protected_symlinks rule refuses it), and then the file it points to is
 * replaced, beside it, by the same rules.  A device or FIFO (/dev/null,
 * /dev/stdout) is written in place, as the reference writes it; a FIFO
 * that no process opens for reading within ATOMIC_FILE_FIFO_WAIT_SEC
 * seconds fails with -ENXIO.
 */
struct atomic_file {
	char *path;		/* what the commit renames over */
	char *tmp_path;		/* NULL: written in place */
	FILE *fp;
};

/* Return 0 or -errno; -EINTR when a caught signal came while waiting. */
int atomic_file_open(struct atomic_file *af, const char *path);

/* Flush and rename into place.  Return 0 or -errno. */
int atomic_file_commit(struct atomic_file *af);

/* Drop what was written. */
void atomic_file_abort(struct atomic_file *af);

#endif
