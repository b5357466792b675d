// SPDX-License-Identifier: MIT
/*
 * LD_PRELOAD shim for the balance tests: makes the races and the timings
 * that a test cannot arrange with a real kernel happen on purpose.
 * HEATMAP_SHIM=einprogress: the first balance ioctl fails with EINPROGRESS,
 * as when another balance started after the idle check.
 * HEATMAP_SHIM=sigint-after: SIGINT comes just after the first relocation
 * finished, before its frame is drawn.
 * HEATMAP_SHIM=exclop-busy: from the first balance ioctl on, the kernel's
 * own block group reclaim seems to hold the exclusive operation: balance
 * ioctls answer BTRFS_ERROR_DEV_EXCL_RUN_IN_PROGRESS (a positive return,
 * as btrfs_ioctl_balance() does when another exclusive operation runs)
 * and /sys/fs/btrfs/UUID/exclusive_operation reads "balance" with no
 * balance of anyone's (the reclaim worker takes BTRFS_EXCLOP_BALANCE
 * without a balance_ctl), for HEATMAP_SHIM_READS reads of that file
 * (default 3; -1: for ever); then the real kernel answers again.
 * HEATMAP_SHIM_OP names another holder for that file ("device remove").
 * HEATMAP_SHIM=slow-after: each balance ioctl after the first waits up to
 * two seconds first (a signal ends the wait), as relocations of real
 * block groups take: a test can signal the run while it has work left.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/btrfs.h>
#include "ioctl-shim.h"

static int busy_reads = -2;	/* -2: not busy yet */

static bool mode_is(const char *want)
{
	const char *mode = getenv("HEATMAP_SHIM");

	return mode && !strcmp(mode, want);
}

static bool busy(void)
{
	return busy_reads == -1 || busy_reads > 0;
}

static int shim_ioctl(int fd, unsigned long request, void *arg)
{
	static int balances;
	const char *reads;
	int ret;

	if (request != BTRFS_IOC_BALANCE_V2 || !getenv("HEATMAP_SHIM"))
		return real_ioctl(fd, request, arg);
	balances++;
	if (mode_is("einprogress") && balances == 1) {
		errno = EINPROGRESS;
		return -1;
	}
	if (mode_is("exclop-busy")) {
		if (busy_reads == -2) {
			reads = getenv("HEATMAP_SHIM_READS");
			busy_reads = reads ? atoi(reads) : 3;
		}
		if (busy())
			return BTRFS_ERROR_DEV_EXCL_RUN_IN_PROGRESS;
	}
	if (mode_is("slow-after") && balances > 1) {
		struct timespec wait = { 2, 0 };

		nanosleep(&wait, NULL);
	}
	ret = real_ioctl(fd, request, arg);
	if (mode_is("sigint-after") && balances == 1)
		kill(getpid(), SIGINT);
	return ret;
}

static FILE *open_file(const char *sym, const char *path, const char *how)
{
	static char held[64];
	FILE *(*real)(const char *, const char *);
	const char *op = getenv("HEATMAP_SHIM_OP");
	size_t n = strlen(path), tail = strlen("/exclusive_operation");

	if (mode_is("exclop-busy") && busy() && n > tail &&
	    !strcmp(path + n - tail, "/exclusive_operation")) {
		if (busy_reads > 0)
			busy_reads--;
		snprintf(held, sizeof(held), "%s\n", op ? op : "balance");
		return fmemopen(held, strlen(held), "r");
	}
	real = (FILE *(*)(const char *, const char *))dlsym(RTLD_NEXT, sym);
	return real(path, how);
}

FILE *fopen(const char *path, const char *how)
{
	return open_file("fopen", path, how);
}

FILE *fopen64(const char *path, const char *how)
{
	return open_file("fopen64", path, how);
}
