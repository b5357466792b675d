// SPDX-License-Identifier: MIT
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "common/progress.h"
#include "common/units.h"

void progress_init(struct progress *p, bool enabled, uint64_t total_items,
		   uint64_t total_bytes)
{
	memset(p, 0, sizeof(*p));
	p->tty = enabled && isatty(STDERR_FILENO);
	p->total_items = total_items;
	p->total_bytes = total_bytes;
	clock_gettime(CLOCK_MONOTONIC, &p->start);
}

double progress_elapsed(const struct progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) +
	       (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
}

static void format_duration(double secs, char *buf, size_t len)
{
	unsigned long s = secs > 0 ? (unsigned long)secs : 0;

	if (s >= 3600)
		snprintf(buf, len, "%lu:%02lu:%02lu", s / 3600, s / 60 % 60,
			 s % 60);
	else
		snprintf(buf, len, "%lu:%02lu", s / 60, s % 60);
}

/* The share of the work done: by bytes when there are any, else by items. */
static double fraction_done(const struct progress *p)
{
	if (p->total_bytes && p->done_bytes)
		return (double)p->done_bytes / (double)p->total_bytes;
	if (p->total_items)
		return (double)p->done_items / (double)p->total_items;
	return 0;
}

void progress_format(const struct progress *p, const char *doing, char *buf,
		     size_t len)
{
	char done[32], total[32], elapsed[32], left[32];
	double secs = progress_elapsed(p), frac = fraction_done(p);

	pretty_size(p->done_bytes, done, sizeof(done));
	pretty_size(p->total_bytes > p->done_bytes ? p->total_bytes
						   : p->done_bytes,
		    total, sizeof(total));
	format_duration(secs, elapsed, sizeof(elapsed));
	if (frac > 0 && frac < 1) {
		left[0] = '~';
		format_duration(secs * (1 - frac) / frac, left + 1,
				sizeof(left) - 1);
	} else {
		snprintf(left, sizeof(left), frac >= 1 ? "0:00" : "?");
	}
	snprintf(buf, len, "%llu/%llu block groups, %s/%s relocated, %s elapsed, %s left%s%s",
		 (unsigned long long)p->done_items,
		 (unsigned long long)p->total_items, done, total, elapsed, left,
		 doing ? ", " : "", doing ? doing : "");
}

static size_t terminal_width(void)
{
	struct winsize ws;

	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		return ws.ws_col;
	return 80;
}

void progress_draw(struct progress *p, const char *doing)
{
	char line[512];
	size_t width;

	if (!p->tty)
		return;
	progress_format(p, doing, line, sizeof(line));
	/* A line that wraps could not be rewritten in place. */
	width = terminal_width() - 1;
	if (width < sizeof(line))
		line[width] = '\0';
	fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
	p->shown = true;
}

void progress_clear(struct progress *p)
{
	if (!p->shown)
		return;
	fprintf(stderr, "\r\033[K");
	fflush(stderr);
	p->shown = false;
}
