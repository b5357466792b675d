/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_OUTPUT_NAME_H
#define HEATMAP_OUTPUT_NAME_H

/*
 * Decide where a picture goes, as the reference does: @output itself when
 * it is a file name or "-"; otherwise "<stem>_at_<unixtime>.png", inside
 * @output when that is a directory, else in the current directory.
 * Return a string to free(), or NULL when out of memory.
 */
char *output_file_name(const char *output, const char *stem);

#endif
