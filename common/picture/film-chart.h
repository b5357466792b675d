/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_FILM_CHART_H
#define HEATMAP_FILM_CHART_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* What a film step adds to its picture: numbers for the chart, a line. */
struct film_numbers {
	uint64_t line_value;	/* bytes, drawn as a point of the line */
	uint64_t bar_value;	/* bytes, drawn as a bar */
	bool none;		/* no numbers for this picture: no point */
	const char *line;	/* the step's line of output, or NULL */
};

/*
 * The chart beside a film: a line and bars over the pictures, what they
 * stand for (balance: unallocated after each step and bytes it moved;
 * film: allocated and used space), one numbers entry per picture.
 */
struct film_chart {
	const char *line_name;
	const char *bar_name;
	const struct film_numbers *numbers;
};

/* Styles, for the page's <style>. */
extern const char film_chart_style[];

/* Write the chart's and legend's place on the page, drawn by the script. */
void film_chart_put_html(FILE *f, const struct film_chart *chart);

/*
 * Write the numbers of the @nr pictures as the JavaScript array "numbers",
 * then the script that draws the chart (inline SVG, a point and a bar per
 * picture with numbers, each with its bytes in data-value) and exports
 * chart_show(i) to mark picture i.  To go inside the page's <script>.
 */
void film_chart_put_script(FILE *f, const struct film_chart *chart, int nr);

/* Write @s as HTML text, for an element or a quoted attribute. */
void film_put_html(FILE *f, const char *s);

/* Write @s as a JavaScript string literal that is safe inside <script>. */
void film_put_js_string(FILE *f, const char *s);

#endif
