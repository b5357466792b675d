// SPDX-License-Identifier: MIT
/*
 * The chart beside a film: one quantity as a line with a point per
 * picture, another as bars (balance: unallocated after each step and bytes
 * moved by it; film: space allocated and used), the current picture
 * marked, and the legend of the pictures' colours.  Drawn by the
 * page's own script as inline SVG; nothing comes from elsewhere.
 */
#include <inttypes.h>
#include "common/picture/film-chart.h"

const char film_chart_style[] =
"#side { display: flex; flex-direction: column; gap: .8em; }\n"
"#chart svg { background: #111; border: 1px solid #444; }\n"
"#chart .unalloc { fill: none; stroke: #7fd47f; stroke-width: 2; }\n"
"#chart .point { fill: #7fd47f; }\n"
"#chart .bar { fill: #d4a85a; }\n"
"#chart .now { stroke: #fff; stroke-dasharray: 3 3; }\n"
"#chart text { fill: #bbb; font-size: 11px; font-family: sans-serif; }\n"
"#legend { list-style: none; padding: 0; margin: 0; font-size: .9em; }\n"
"#legend li { margin: .2em 0; }\n"
"#legend span { display: inline-block; width: 1em; height: 1em;\n"
"  border: 1px solid #666; vertical-align: middle; margin-right: .4em; }\n"
"#line { font-family: monospace; white-space: pre-wrap; margin: .4em 0; }\n";

static const char legend_head[] =
"<div id=\"side\">\n"
"<div id=\"chart\"></div>\n"
"<ul id=\"legend\">\n"
"<li><span style=\"background: #ffffff\"></span>data</li>\n"
"<li><span style=\"background: #0000ff\"></span>metadata</li>\n"
"<li><span style=\"background: #ff0033\"></span>system</li>\n"
"<li><span style=\"background: #99ccff\"></span>mixed data and metadata</li>\n"
"<li><span style=\"background: #000000\"></span>unallocated</li>\n"
"<li>allocated space is brighter the fuller its block group is</li>\n";

static const char legend_tail[] =
"</ul>\n"
"<div>Keys: space plays and pauses, left and right step.</div>\n"
"</div>\n";

void film_put_html(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else if (*s == '"')
			fputs("&quot;", f);
		else
			fputc(*s, f);
	}
}

void film_chart_put_html(FILE *f, const struct film_chart *chart)
{
	fputs(legend_head, f);
	fputs("<li><span style=\"background: #7fd47f\"></span>chart: ", f);
	film_put_html(f, chart->line_name);
	fputs("</li>\n<li><span style=\"background: #d4a85a\"></span>chart: ", f);
	film_put_html(f, chart->bar_name);
	fputs("</li>\n", f);
	fputs(legend_tail, f);
}

static const char chart_script[] =
"function human(b) {\n"
"  var u = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], i = 0;\n"
"  while (b >= 1024 && i < u.length - 1) { b /= 1024; i++; }\n"
"  return b.toFixed(2) + u[i];\n"
"}\n"
"var chart_w = 420, chart_h = 220, pad = 34;\n"
"function chart_x(i) {\n"
"  return pad + (numbers.length > 1 ?\n"
"    i * (chart_w - 2 * pad) / (numbers.length - 1) : (chart_w - 2 * pad) / 2);\n"
"}\n"
"function draw_chart() {\n"
"  var maxu = 1, maxm = 1, i, s = '', pts = [], bw, drawn = 0;\n"
"  numbers.forEach(function (n) {\n"
"    if (n[0] === null)\n"
"      return;\n"
"    maxu = Math.max(maxu, n[0]);\n"
"    maxm = Math.max(maxm, n[1]);\n"
"    drawn++;\n"
"  });\n"
"  function yu(v) { return chart_h - pad - v * (chart_h - 2 * pad) / maxu; }\n"
"  function ym(v) { return v * (chart_h - 2 * pad) / maxm / 2; }\n"
"  bw = Math.max(2, (chart_w - 2 * pad) / Math.max(1, numbers.length) / 2);\n"
"  s += '<svg id=\"chart-svg\" width=\"' + chart_w + '\" height=\"' + chart_h +\n"
"    '\" viewBox=\"0 0 ' + chart_w + ' ' + chart_h + '\" role=\"img\"' +\n"
"    ' aria-label=\"' + line_name + ' and ' + bar_name + '\"' +\n"
"    ' data-points=\"' + drawn + '\">';\n"
"  for (i = 0; i < numbers.length; i++) {\n"
"    if (numbers[i][0] === null)\n"
"      continue;\n"
"    var h = ym(numbers[i][1]);\n"
"    s += '<rect class=\"bar\" data-step=\"' + i + '\" data-value=\"' +\n"
"      numbers[i][1] + '\" x=\"' +\n"
"      (chart_x(i) - bw / 2) + '\" y=\"' + (chart_h - pad - h) +\n"
"      '\" width=\"' + bw + '\" height=\"' + h + '\"><title>' + i +\n"
"      ': ' + bar_name + ' ' + human(numbers[i][1]) + '</title></rect>';\n"
"    pts.push(chart_x(i) + ',' + yu(numbers[i][0]));\n"
"  }\n"
"  s += '<polyline class=\"unalloc\" points=\"' + pts.join(' ') + '\"/>';\n"
"  for (i = 0; i < numbers.length; i++)\n"
"    if (numbers[i][0] !== null)\n"
"      s += '<circle class=\"point\" data-step=\"' + i + '\" data-value=\"' +\n"
"        numbers[i][0] + '\" cx=\"' + chart_x(i) + '\" cy=\"' +\n"
"        yu(numbers[i][0]) + '\" r=\"3\"><title>' + i + ': ' + line_name +\n"
"        ' ' + human(numbers[i][0]) + '</title></circle>';\n"
"  s += '<line id=\"chart-now\" class=\"now\" x1=\"0\" x2=\"0\" y1=\"' + pad +\n"
"    '\" y2=\"' + (chart_h - pad) + '\"/>';\n"
"  s += '<text x=\"' + pad + '\" y=\"14\">' + line_name + ', max ' +\n"
"    human(maxu) + '</text>';\n"
"  s += '<text x=\"' + pad + '\" y=\"' + (chart_h - 8) + '\">' + bar_name +\n"
"    ', max ' + human(maxm) + '; 0 to ' + (numbers.length - 1) + '</text>';\n"
"  s += '</svg>';\n"
"  document.getElementById('chart').innerHTML = s;\n"
"}\n"
"function chart_show(i) {\n"
"  var now = document.getElementById('chart-now');\n"
"  if (!now || i >= numbers.length)\n"
"    return;\n"
"  now.setAttribute('x1', chart_x(i));\n"
"  now.setAttribute('x2', chart_x(i));\n"
"  document.getElementById('line').textContent = numbers[i][2];\n"
"}\n"
"draw_chart();\n";

void film_put_js_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '<' || c == '>' || c == '&' || c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void film_chart_put_script(FILE *f, const struct film_chart *chart, int nr)
{
	const struct film_numbers *num = chart->numbers;
	int i;

	fputs("var line_name = ", f);
	film_put_js_string(f, chart->line_name);
	fputs(", bar_name = ", f);
	film_put_js_string(f, chart->bar_name);
	fputs(";\nvar numbers = [\n", f);
	for (i = 0; i < nr; i++) {
		if (num[i].none)
			fputs("  [null, null, ", f);
		else
			fprintf(f, "  [%" PRIu64 ", %" PRIu64 ", ",
				num[i].line_value, num[i].bar_value);
		film_put_js_string(f, num[i].line ? num[i].line : "");
		fputs(i + 1 < nr ? "],\n" : "]\n", f);
	}
	fputs("];\n", f);
	fputs(chart_script, f);
}
