/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_BALANCE_JOB_H
#define HEATMAP_BALANCE_JOB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include "common/balance-ioctl.h"

/*
 * One block group relocation run by a helper thread, so that the calling
 * thread stays free to draw progress and to cancel the kernel's balance
 * when a signal comes (SIGINT, SIGTERM, SIGHUP, ...).  A caught signal
 * does not stop the kernel in the middle of a relocation, and a handler in
 * the thread that sits in the ioctl would run only after it: the cancel
 * must come from another thread.  The helper thread blocks the caught signals, so they reach the
 * caller's poll() and interrupt it.
 */
struct balance_job {
	int fd;
	uint64_t vaddr;
	uint64_t flags;
	pthread_t thread;
	int done_pipe[2];	/* the helper writes one byte when done */
	bool finished;
	int ret;		/* of balance_block_group() */
	struct balance_stat stat;
};

/* Start relocating the block group at @vaddr.  Return 0 or -errno. */
int balance_job_start(struct balance_job *job, int fd, uint64_t vaddr,
		      uint64_t flags);

/*
 * Wait up to @timeout_ms for the relocation to end.  Return 1 when it has,
 * 0 on timeout, -EINTR when a signal came first.
 */
int balance_job_wait(struct balance_job *job, int timeout_ms);

/*
 * Cancel the kernel's balance and wait until the relocation has ended,
 * whether the cancel caught it or it finished first.
 */
void balance_job_cancel(struct balance_job *job);

/*
 * Wait for the helper thread and release the job.  Return the result of
 * balance_block_group() with its counters in *@stat.
 */
int balance_job_finish(struct balance_job *job, struct balance_stat *stat);

#endif
