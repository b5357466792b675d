/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SIGNALS_H
#define HEATMAP_SIGNALS_H

#include <signal.h>

/* The number of the first caught signal received, 0 until then. */
extern volatile sig_atomic_t signal_received;

/*
 * Catch every signal that ends the program by default and comes from
 * outside (SIGHUP, SIGINT, SIGQUIT, SIGPIPE, SIGALRM, SIGTERM, SIGUSR1,
 * SIGUSR2, ... and the real-time ones), so that long loops can stop, remove
 * their temporary files and exit with 128 + signal.  The handler only
 * records the signal.  A signal the program was started with ignored (nohup,
 * a background job of a script) stays ignored.
 */
void signals_install(void);

/* Add the signals that signals_install() catches to @set. */
void signals_fill_set(sigset_t *set);

/*
 * Take back the signal received so far, so that work that must be done
 * all the same (the frame of a relocation that has finished) is not
 * interrupted by it; a new signal still interrupts it.  Return what
 * signals_resume() gets.
 */
int signals_hold(void);

/* Record @sig (when one) again as the signal received, the first one. */
void signals_resume(int sig);

/* The exit status after an interrupted run: 128 + signal. */
static inline int signals_exit_status(void)
{
	return 128 + signal_received;
}

#endif
