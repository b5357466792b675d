// SPDX-License-Identifier: MIT
/*
 * LD_PRELOAD shim for the balance tests: makes the races and the timings
 * that a test cannot arrange with a real kernel happen on purpose.
 * HEATMAP_SHIM=einprogress: the first balance ioctl fails with EINPROGRESS,
 * as when another balance started after the idle check.
 * HEATMAP_SHIM=sigint-after: SIGINT comes just after the first relocation
 * finished, before its frame is drawn.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/btrfs.h>

int ioctl(int fd, unsigned long request, ...)
{
	static int (*real)(int, unsigned long, ...);
	static int balances;
	const char *mode = getenv("HEATMAP_SHIM");
	va_list ap;
	void *arg;
	int ret;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	if (!real)
		real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	if (request != BTRFS_IOC_BALANCE_V2 || !mode)
		return real(fd, request, arg);
	balances++;
	if (!strcmp(mode, "einprogress") && balances == 1) {
		errno = EINPROGRESS;
		return -1;
	}
	ret = real(fd, request, arg);
	if (!strcmp(mode, "sigint-after") && balances == 1)
		kill(getpid(), SIGINT);
	return ret;
}
