// SPDX-License-Identifier: MIT
#include <signal.h>
#include <string.h>
#include "common/signals.h"

volatile sig_atomic_t signal_received;

static void record_signal(int sig)
{
	if (!signal_received)
		signal_received = sig;
}

void signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking ioctl or write returns EINTR at once. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}
