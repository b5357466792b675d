// SPDX-License-Identifier: MIT
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include "common/btrfs/image-mount.h"
#include "common/btrfs/open-utils.h"

#define MAX_DEVS	64

/* Read "MAJOR:MINOR" from sysfs file @path. */
static int read_devnum(const char *path, dev_t *dev)
{
	unsigned int major, minor;
	FILE *f = fopen(path, "re");
	int ok;

	if (!f)
		return 0;
	ok = fscanf(f, "%u:%u", &major, &minor) == 2;
	fclose(f);
	if (ok)
		*dev = makedev(major, minor);
	return ok;
}

/* The loop devices whose backing file is the file @st describes. */
static int loops_of_file(const struct stat *st, dev_t *devs, int max)
{
	char path[300], backing[4096];
	struct stat bst;
	struct dirent *de;
	DIR *dir = opendir("/sys/block");
	int nr = 0;
	FILE *f;

	if (!dir)
		return 0;
	while (nr < max && (de = readdir(dir))) {
		if (strncmp(de->d_name, "loop", 4))
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/loop/backing_file",
			 de->d_name);
		f = fopen(path, "re");
		if (!f)
			continue;
		if (!fgets(backing, sizeof(backing), f)) {
			fclose(f);
			continue;
		}
		fclose(f);
		backing[strcspn(backing, "\n")] = '\0';
		if (stat(backing, &bst) || bst.st_dev != st->st_dev ||
		    bst.st_ino != st->st_ino)
			continue;
		snprintf(path, sizeof(path), "/sys/block/%s/dev", de->d_name);
		if (read_devnum(path, &devs[nr]))
			nr++;
	}
	closedir(dir);
	return nr;
}

/* The block devices of the mounted btrfs @fsid, from sysfs. */
static int mounted_devices(const char *fsid, dev_t *devs, int max)
{
	char path[600];
	struct dirent *de;
	DIR *dir;
	int nr = 0;

	snprintf(path, sizeof(path), "/sys/fs/btrfs/%s/devices", fsid);
	dir = opendir(path);
	if (!dir)
		return 0;
	while (nr < max && (de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/fs/btrfs/%s/devices/%s/dev",
			 fsid, de->d_name);
		if (read_devnum(path, &devs[nr]))
			nr++;
	}
	closedir(dir);
	return nr;
}

/* Undo the octal escapes (\040 for a space) of /proc/self/mountinfo. */
static void unescape(char *s)
{
	char *d = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' &&
		    s[2] >= '0' && s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*d++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 4;
		} else {
			*d++ = *s++;
		}
	}
	*d = '\0';
}

static int has_dev(const dev_t *devs, int nr, dev_t dev)
{
	int i;

	for (i = 0; i < nr; i++)
		if (devs[i] == dev)
			return 1;
	return 0;
}

/* A mount point of a btrfs mounted from one of @devs. */
static int find_mount_point(const dev_t *devs, int nr, char *mnt, size_t len)
{
	char *line = NULL, *sep, mpoint[4096], fstype[64], source[4096];
	size_t cap = 0;
	struct stat st;
	int found = 0;
	FILE *f = fopen("/proc/self/mountinfo", "re");

	if (!f)
		return -errno;
	while (!found && getline(&line, &cap, f) > 0) {
		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS [OPTIONAL...] - TYPE SOURCE */
		sep = strstr(line, " - ");
		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mpoint) != 1 ||
		    sscanf(sep + 3, "%63s %4095s", fstype, source) != 2 ||
		    strcmp(fstype, "btrfs"))
			continue;
		unescape(source);
		unescape(mpoint);
		if (stat(source, &st) || !S_ISBLK(st.st_mode) ||
		    !has_dev(devs, nr, st.st_rdev))
			continue;
		if ((size_t)snprintf(mnt, len, "%s", mpoint) < len)
			found = 1;
	}
	free(line);
	fclose(f);
	return found;
}

int image_find_mount(int fd, const uint8_t *fsid, char *mnt, size_t len)
{
	dev_t ours[MAX_DEVS], theirs[MAX_DEVS];
	int nr_ours = 0, nr_theirs, i;
	char text[37];
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -errno;
	if (S_ISBLK(st.st_mode))
		ours[nr_ours++] = st.st_rdev;
	else if (S_ISREG(st.st_mode))
		nr_ours = loops_of_file(&st, ours, MAX_DEVS);
	if (!nr_ours)
		return 0;
	btrfs_uuid_unparse(fsid, text);
	nr_theirs = mounted_devices(text, theirs, MAX_DEVS);
	for (i = 0; i < nr_ours; i++)
		if (has_dev(theirs, nr_theirs, ours[i]))
			return find_mount_point(theirs, nr_theirs, mnt, len);
	return 0;
}
