// SPDX-License-Identifier: MIT
#include <sched.h>
#include "common/processors.h"

int processors_usable(int max)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof(set), &set))
		return 1;
	n = CPU_COUNT(&set);
	if (n < 1)
		return 1;
	return n > max ? max : n;
}
