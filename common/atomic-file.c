// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include "common/atomic-file.h"
#include "common/signals.h"

/* Symlinks followed from the output name to the file, at most. */
#define MAX_LINKS	8

/* The directory part of @path with its slash ("" for a bare name). */
static size_t dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path + 1) : 0;
}

/*
 * Open what is there and is no regular file, as the reference writes it:
 * renaming over a device node or FIFO would replace it with a plain file.
 * O_NONBLOCK so that a FIFO without a reader fails at once instead of
 * hanging; it is tried again for a while, then given up.
 */
static int open_in_place(struct atomic_file *af, const char *path,
			 bool fifo, int nofollow)
{
	const int flags = O_WRONLY | O_TRUNC | O_NOCTTY | O_NONBLOCK |
			  O_CLOEXEC | nofollow;
	const struct timespec pause = { 0, 100 * 1000 * 1000 };
	int fd, tries = ATOMIC_FILE_FIFO_WAIT_SEC * 10;

	for (;;) {
		fd = open(path, flags);
		if (fd >= 0 || errno != ENXIO || !fifo || !tries--)
			break;
		nanosleep(&pause, NULL);
		if (signal_received)
			return -EINTR;
	}
	if (fd < 0)
		return -errno;
	/* Writes wait for a slow reader, as a blocking open would have. */
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) < 0)
		goto fail;
	af->fp = fdopen(fd, "wb");
	if (!af->fp)
		goto fail;
	af->path = strdup(path);
	if (!af->path) {
		fclose(af->fp);
		memset(af, 0, sizeof(*af));
		return -ENOMEM;
	}
	return 0;
fail:
	close(fd);
	return -errno;
}

/* Give the new file @fd the owner, group and mode of the one it replaces. */
static int keep_attributes(int fd, const struct stat *old)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if ((st.st_uid != old->st_uid || st.st_gid != old->st_gid) &&
	    fchown(fd, old->st_uid, old->st_gid) < 0)
		return -errno;
	/* Never set-user-ID or set-group-ID: those bits are not a picture's. */
	if ((st.st_mode & 07777) != (old->st_mode & 0777) &&
	    fchmod(fd, old->st_mode & 0777) < 0)
		return -errno;
	return 0;
}

/*
 * A new file of a random name beside @path: created by us (O_EXCL, never
 * through a link), with the mode open() gives under the umask.
 */
static int create_temp(char *tmp, size_t len, const char *path)
{
	static const char chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
	size_t dirlen = dir_len(path);
	unsigned char rnd[6];
	int fd, tries, i;
	char *x;

	snprintf(tmp, len, "%.*s.%s.XXXXXX", (int)dirlen, path, path + dirlen);
	x = tmp + strlen(tmp) - 6;
	for (tries = 0; tries < 100; tries++) {
		if (getrandom(rnd, sizeof(rnd), 0) != sizeof(rnd))
			return -errno;
		for (i = 0; i < 6; i++)
			x[i] = chars[rnd[i] % (sizeof(chars) - 1)];
		fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
			  O_CLOEXEC, 0666);
		if (fd >= 0 || errno != EEXIST)
			return fd >= 0 ? fd : -errno;
	}
	return -EEXIST;
}

/* Write a new file for @path, @old the one there (NULL: none). */
static int open_atomic(struct atomic_file *af, const char *path,
		       const struct stat *old)
{
	size_t len = strlen(path) + 16;
	int fd, err;

	af->path = strdup(path);
	af->tmp_path = malloc(len);
	if (!af->path || !af->tmp_path) {
		err = -ENOMEM;
		goto fail;
	}
	fd = create_temp(af->tmp_path, len, path);
	if (fd < 0) {
		err = fd;
		goto fail;
	}
	err = old ? keep_attributes(fd, old) : 0;
	if (!err) {
		af->fp = fdopen(fd, "wb");
		if (!af->fp)
			err = -errno;
	}
	if (err) {
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

/*
 * A link that nobody but the caller or root could have put there: anybody
 * may plant a link in a world-writable directory, and a root cron job
 * following it would overwrite whatever it points to.  The kernel's
 * protected_symlinks trusts the directory's owner too; a user's directory
 * is no safer for root than /tmp, so this does not.
 */
static bool link_trusted(const struct stat *st)
{
	return st->st_uid == geteuid() || st->st_uid == 0;
}

/* A link of /proc/PID/fd: no path to read, just an open file to reopen. */
static bool link_is_magic(const char *path)
{
	size_t dirlen = dir_len(path);
	struct statfs sfs;
	char dir[PATH_MAX];
	int ret;

	if (dirlen >= sizeof(dir))
		return false;
	snprintf(dir, sizeof(dir), "%.*s", (int)dirlen, dirlen ? path : ".");
	ret = statfs(dir, &sfs);
	return ret == 0 && sfs.f_type == PROC_SUPER_MAGIC;
}

/* What the link @path points to, as a path from here; NULL with errno. */
static char *link_target(const char *path)
{
	size_t dirlen = dir_len(path);
	char buf[PATH_MAX], *target;
	ssize_t n;

	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return NULL;
	buf[n] = '\0';
	if (buf[0] == '/')
		dirlen = 0;
	if (asprintf(&target, "%.*s%s", (int)dirlen, path, buf) < 0) {
		errno = ENOMEM;
		return NULL;
	}
	return target;
}

static int open_name(struct atomic_file *af, const char *path, int depth)
{
	struct stat st;
	char *target;
	int err;

	if (lstat(path, &st) < 0)
		return errno == ENOENT ? open_atomic(af, path, NULL) : -errno;
	if (S_ISREG(st.st_mode))
		return open_atomic(af, path, &st);
	if (!S_ISLNK(st.st_mode))
		return open_in_place(af, path, S_ISFIFO(st.st_mode), O_NOFOLLOW);
	if (!link_trusted(&st))
		return -EACCES;
	if (link_is_magic(path))
		return open_in_place(af, path, stat(path, &st) == 0 &&
				     S_ISFIFO(st.st_mode), 0);
	if (depth == MAX_LINKS)
		return -ELOOP;
	target = link_target(path);
	if (!target)
		return -errno;
	err = open_name(af, target, depth + 1);
	free(target);
	return err;
}

int atomic_file_open(struct atomic_file *af, const char *path)
{
	memset(af, 0, sizeof(*af));
	if (!strcmp(path, "-")) {
		af->fp = stdout;
		return 0;
	}
	return open_name(af, path, 0);
}

int atomic_file_commit(struct atomic_file *af)
{
	int err = 0;

	/*
	 * No fsync: the rename makes the picture appear whole to readers, and
	 * a cron job writing one every few minutes should not wait for the
	 * disk (it cost more than drawing).  The reference does not sync.
	 */
	if (fflush(af->fp) == EOF)
		err = -errno;
	if (af->fp != stdout && fclose(af->fp) == EOF && !err)
		err = -errno;
	af->fp = NULL;
	if (af->tmp_path) {
		if (!err && rename(af->tmp_path, af->path) < 0)
			err = -errno;
		if (err)
			unlink(af->tmp_path);
	}
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof(*af));
	return err;
}

void atomic_file_abort(struct atomic_file *af)
{
	if (af->fp && af->fp != stdout)
		fclose(af->fp);
	if (af->tmp_path)
		unlink(af->tmp_path);
	free(af->path);
	free(af->tmp_path);
	memset(af, 0, sizeof(*af));
}
