/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SCAN_JOB_H
#define HEATMAP_SCAN_JOB_H

#include <stddef.h>
#include <stdint.h>
#include "common/scan.h"

/*
 * A scan being encoded (scan_encode()) on a thread of its own, while the
 * picture is painted: its chunk comes after the image data.
 */
struct scan_job;

/*
 * Start encoding @scan, which the job takes over (*@scan is left empty,
 * as scan_release() leaves it).  Where no thread can start, the scan is
 * encoded now.  Return 0 or -ENOMEM (then @scan is released).
 */
int scan_job_start(struct scan *scan, struct scan_job **job);

/*
 * Wait for @job; set *@buf and *@len to the encoded scan, which stays the
 * job's.  Return 0 or the -errno encoding failed with.  May be called
 * again: the same answer.
 */
int scan_job_result(struct scan_job *job, const uint8_t **buf, size_t *len);

/* Wait for @job if it runs, and free it with its result. */
void scan_job_free(struct scan_job *job);

#endif
