// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common/atomic-file.h"

/*
 * A device, FIFO, socket or symlink (/dev/null, /dev/stdout, latest.png
 * pointing elsewhere) is written in place, as the reference writes it:
 * renaming over it would replace the device node or the link itself with
 * a plain file.
 */
static int open_in_place(struct atomic_file *af, const char *path)
{
	af->fp = fopen(path, "wb");
	return af->fp ? 0 : -errno;
}

static int open_atomic(struct atomic_file *af, const char *path)
{
	const char *slash, *base;
	int fd, err;
	size_t dirlen;

	af->path = strdup(path);
	slash = strrchr(path, '/');
	base = slash ? slash + 1 : path;
	dirlen = slash ? (size_t)(slash - path + 1) : 0;
	af->tmp_path = malloc(dirlen + strlen(base) + 16);
	if (!af->path || !af->tmp_path) {
		err = -ENOMEM;
		goto fail;
	}
	sprintf(af->tmp_path, "%.*s.%s.XXXXXX", (int)dirlen, path, base);
	fd = mkstemp(af->tmp_path);
	if (fd < 0) {
		err = -errno;
		goto fail;
	}
	/* mkstemp makes 0600; a picture is for everybody, as with open(). */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	af->fp = fdopen(fd, "wb");
	if (!af->fp) {
		err = -errno;
		close(fd);
		unlink(af->tmp_path);
		goto fail;
	}
	return 0;
fail:
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof(*af));
	return err;
}

int atomic_file_open(struct atomic_file *af, const char *path)
{
	struct stat st;

	memset(af, 0, sizeof(*af));
	if (!strcmp(path, "-")) {
		af->fp = stdout;
		return 0;
	}
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return open_in_place(af, path);
	return open_atomic(af, path);
}

int atomic_file_commit(struct atomic_file *af)
{
	int err = 0;

	if (!af->tmp_path) {
		/* standard output, or a file written in place */
		if (fflush(af->fp) == EOF)
			err = -errno;
		if (af->fp != stdout && fclose(af->fp) == EOF && !err)
			err = -errno;
		memset(af, 0, sizeof(*af));
		return err;
	}
	/*
	 * No fsync: the rename makes the picture appear whole to readers, and
	 * a cron job writing one every few minutes should not wait for the
	 * disk (it cost more than drawing).  The reference does not sync.
	 */
	if (fflush(af->fp) == EOF)
		err = -errno;
	if (fclose(af->fp) == EOF && !err)
		err = -errno;
	af->fp = NULL;
	if (!err && rename(af->tmp_path, af->path) < 0)
		err = -errno;
	if (err)
		unlink(af->tmp_path);
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof(*af));
	return err;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->tmp_path) {
		if (af->fp)
			fclose(af->fp);
		unlink(af->tmp_path);
	} else if (af->fp && af->fp != stdout) {
		fclose(af->fp);
	}
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof(*af));
}
