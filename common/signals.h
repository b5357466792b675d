/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SIGNALS_H
#define HEATMAP_SIGNALS_H

#include <signal.h>

/* The number of the first SIGINT or SIGTERM received, 0 until then. */
extern volatile sig_atomic_t signal_received;

/*
 * Catch SIGINT and SIGTERM so that long loops can stop, clean up and exit
 * with 128 + signal.  The handler only records the signal.
 */
void signals_install(void);

/* The exit status after an interrupted run: 128 + signal. */
static inline int signals_exit_status(void)
{
	return 128 + signal_received;
}

#endif
