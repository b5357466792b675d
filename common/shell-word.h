/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_SHELL_WORD_H
#define HEATMAP_SHELL_WORD_H

#include <stdio.h>

/*
 * Write @s to @f as one word for a POSIX shell: as it is when it holds
 * only characters no shell treats specially, else in single quotes.
 */
void put_shell_word(FILE *f, const char *s);

#endif
