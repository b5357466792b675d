// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include "common/balance-job.h"
#include "common/signals.h"

static void *job_thread(void *arg)
{
	struct balance_job *job = arg;
	char byte = 1;
	ssize_t n;

	job->ret = balance_block_group(job->fd, job->vaddr, job->flags,
				       &job->stat);
	do {
		n = write(job->done_pipe[1], &byte, 1);
	} while (n < 0 && errno == EINTR);
	return NULL;
}

int balance_job_start(struct balance_job *job, int fd, uint64_t vaddr,
		      uint64_t flags)
{
	sigset_t block, old;
	int err;

	memset(job, 0, sizeof(*job));
	job->fd = fd;
	job->vaddr = vaddr;
	job->flags = flags;
	if (pipe2(job->done_pipe, O_CLOEXEC) < 0)
		return -errno;
	/* The thread inherits the mask: signals go to the caller only. */
	sigemptyset(&block);
	signals_fill_set(&block);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	err = pthread_create(&job->thread, NULL, job_thread, job);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		close(job->done_pipe[0]);
		close(job->done_pipe[1]);
		return -err;
	}
	return 0;
}

int balance_job_wait(struct balance_job *job, int timeout_ms)
{
	struct pollfd pfd = { .fd = job->done_pipe[0], .events = POLLIN };
	int ret;

	if (job->finished)
		return 1;
	ret = poll(&pfd, 1, timeout_ms);
	if (ret < 0)
		return errno == EINTR ? -EINTR : -errno;
	if (ret == 0)
		return 0;
	job->finished = true;
	return 1;
}

void balance_job_cancel(struct balance_job *job)
{
	int ret;

	/*
	 * Before the helper's ioctl has registered the balance there is
	 * nothing to cancel yet (-ENOTCONN): try again until the job ends.
	 */
	while (!job->finished) {
		ret = balance_cancel(job->fd);
		if (ret != -ENOTCONN)
			break;
		balance_job_wait(job, 50);
	}
	while (!job->finished)
		balance_job_wait(job, -1);
}

int balance_job_finish(struct balance_job *job, struct balance_stat *stat)
{
	pthread_join(job->thread, NULL);
	close(job->done_pipe[0]);
	close(job->done_pipe[1]);
	*stat = job->stat;
	return job->ret;
}
