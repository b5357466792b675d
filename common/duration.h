/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_DURATION_H
#define HEATMAP_DURATION_H

#include <stddef.h>
#include <stdint.h>

/*
 * Parse a duration into milliseconds: one or more whole numbers, each
 * with a unit ms, s, m, h or d ("90s", "1h30m", "500ms"); a lone number
 * without a unit is seconds ("30").  Return 0, -EINVAL for anything else
 * or -ERANGE when it does not fit in 64 bits of milliseconds.
 */
int parse_duration(const char *str, uint64_t *ms);

/* Format @ms the way parse_duration() reads it back: "1h30m", "2s500ms", "0s". */
void format_duration(uint64_t ms, char *buf, size_t len);

#endif
