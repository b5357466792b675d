/* SPDX-License-Identifier: MIT */
/*
 * The ioctl() of the LD_PRELOAD shims here (search-shim.c,
 * balance-shim.c): each shim defines shim_ioctl(), which every ioctl()
 * of the program comes to with its one argument, and calls real_ioctl()
 * for the C library's.  Include it after defining _GNU_SOURCE.
 */
#ifndef HEATMAP_TESTS_IOCTL_SHIM_H
#define HEATMAP_TESTS_IOCTL_SHIM_H

#include <dlfcn.h>
#include <stdarg.h>
#include <sys/ioctl.h>

static int shim_ioctl(int fd, unsigned long request, void *arg);

/* The ioctl() the shim stands in front of: the C library's. */
static int real_ioctl(int fd, unsigned long request, void *arg)
{
	static int (*real)(int, unsigned long, ...);

	if (!real)
		real = (int (*)(int, unsigned long, ...))dlsym(RTLD_NEXT, "ioctl");
	return real(fd, request, arg);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return shim_ioctl(fd, request, arg);
}

#endif
