/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_UNITS_H
#define HEATMAP_UNITS_H

#include <stddef.h>
#include <stdint.h>

/*
 * Format @size the way python-btrfs pretty_size() does: "1.50GiB",
 * "512.00KiB", "0.00B" for zero.  Scripts read these from -v output.
 */
void pretty_size(uint64_t size, char *buf, size_t len);

/*
 * Format a double the way Python's repr() does: the shortest digits that
 * read back to the same value, "1024.0" for whole numbers and exponent
 * notation outside [1e-4, 1e16).  The reference prints bytes_per_pixel so.
 */
void python_float_repr(double val, char *buf, size_t len);

#endif
