// SPDX-License-Identifier: MIT
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include "common/scan-job.h"

struct scan_job {
	struct scan scan;
	pthread_t thread;
	bool running;
	uint8_t *buf;
	long len;		/* or -errno */
};

static void *encode(void *arg)
{
	struct scan_job *job = arg;

	job->len = scan_encode(&job->scan, &job->buf);
	scan_release(&job->scan);
	return NULL;
}

int scan_job_start(struct scan *scan, struct scan_job **out)
{
	struct scan_job *job = calloc(1, sizeof(*job));

	*out = NULL;
	if (!job) {
		scan_release(scan);
		return -ENOMEM;
	}
	job->scan = *scan;
	*scan = (struct scan){ 0 };
	job->running = !pthread_create(&job->thread, NULL, encode, job);
	if (!job->running)
		encode(job);
	*out = job;
	return 0;
}

static void wait_job(struct scan_job *job)
{
	if (job->running)
		pthread_join(job->thread, NULL);
	job->running = false;
}

int scan_job_result(struct scan_job *job, const uint8_t **buf, size_t *len)
{
	wait_job(job);
	if (job->len < 0)
		return (int)job->len;
	*buf = job->buf;
	*len = (size_t)job->len;
	return 0;
}

void scan_job_free(struct scan_job *job)
{
	if (!job)
		return;
	wait_job(job);
	free(job->buf);
	free(job);
}
