/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FILM_CHART_H
#define HEATMAP_FILM_CHART_H

#include <stdint.h>
#include <stdio.h>

/* What a film step adds to its picture: numbers for the chart, a line. */
struct film_numbers {
	uint64_t unallocated;	/* raw bytes unallocated after the step */
	uint64_t moved;		/* bytes the step moved */
	const char *line;	/* the step's line of output */
};

/* Styles, for the page's <style>. */
extern const char film_chart_style[];

/* The chart's and legend's place on the page, drawn by the script. */
extern const char film_chart_html[];

/*
 * Write the numbers of the @nr steps as the JavaScript array "numbers",
 * then the script that draws the chart (inline SVG) and exports
 * chart_show(i) to mark step i.  To go inside the page's <script>.
 */
void film_chart_put_script(FILE *f, const struct film_numbers *num, int nr);

/* Write @s as a JavaScript string literal that is safe inside <script>. */
void film_put_js_string(FILE *f, const char *s);

#endif
