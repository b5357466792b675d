/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_PROGRESS_H
#define HEATMAP_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/*
 * Progress of a long run, as btrfs-progs' replace shows it: one status
 * line on standard error, rewritten in place, when standard error is a
 * terminal; nothing at all otherwise, so that pipes and logs get plain
 * lines only.
 */
struct progress {
	bool tty;		/* the status line is drawn */
	bool shown;		/* it is on the screen now */
	struct timespec start;
	uint64_t done_items, total_items;
	uint64_t done_bytes, total_bytes;
};

/* Start the clock; draw only when @enabled and stderr is a terminal. */
void progress_init(struct progress *p, bool enabled, uint64_t total_items,
		   uint64_t total_bytes);

/* Seconds since progress_init(). */
double progress_elapsed(const struct progress *p);

/*
 * Format "done/total" items and bytes, elapsed time and an estimate of the
 * time left into @buf, followed by @doing when not NULL.
 */
void progress_format(const struct progress *p, const char *doing, char *buf,
		     size_t len);

/* Redraw the status line (terminal only). */
void progress_draw(struct progress *p, const char *doing);

/* Erase the status line before other output (terminal only). */
void progress_clear(struct progress *p);

#endif
