/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PROCESSORS_H
#define HEATMAP_PROCESSORS_H

/*
 * The processors this process may run on (its affinity mask, so a tool
 * run under taskset or in a cgroup does not start threads for processors
 * it cannot have), at least 1 and at most @max.
 */
int processors_usable(int max);

#endif
