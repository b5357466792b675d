// SPDX-License-Identifier: MIT
#include <signal.h>
#include <string.h>
#include "common/signals.h"

volatile sig_atomic_t signal_received;

/*
 * What ends the program by default and is sent from outside; not the
 * signals of a fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP,
 * SIGSYS), after which no cleanup can be trusted.
 */
static const int fatal_signals[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1, SIGUSR2,
	SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT,
};

static void record_signal(int sig)
{
	if (!signal_received)
		signal_received = sig;
}

static void catch_signal(int sig)
{
	struct sigaction sa, old;

	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = record_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a blocking ioctl or write returns EINTR at once. */
	sigaction(sig, &sa, NULL);
}

void signals_fill_set(sigset_t *set)
{
	size_t i;
	int sig;

	for (i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		sigaddset(set, fatal_signals[i]);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		sigaddset(set, sig);
}

void signals_install(void)
{
	size_t i;
	int sig;

	for (i = 0; i < sizeof(fatal_signals) / sizeof(fatal_signals[0]); i++)
		catch_signal(fatal_signals[i]);
	for (sig = SIGRTMIN; sig <= SIGRTMAX; sig++)
		catch_signal(sig);
}

int signals_hold(void)
{
	int sig = signal_received;

	signal_received = 0;
	return sig;
}

void signals_resume(int sig)
{
	if (sig)
		signal_received = sig;
}
