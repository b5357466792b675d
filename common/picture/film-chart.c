// SPDX-License-Identifier: MIT
/*
 * The chart beside a film: unallocated space after each step as a line
 * with a point per step, bytes moved by each step as bars, the current
 * step marked, and the legend of the pictures' colours.  Drawn by the
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

const char film_chart_html[] =
"<div id=\"side\">\n"
"<div id=\"chart\"></div>\n"
"<ul id=\"legend\">\n"
"<li><span style=\"background: #ffffff\"></span>data</li>\n"
"<li><span style=\"background: #0000ff\"></span>metadata</li>\n"
"<li><span style=\"background: #ff0033\"></span>system</li>\n"
"<li><span style=\"background: #99ccff\"></span>mixed data and metadata</li>\n"
"<li><span style=\"background: #000000\"></span>unallocated</li>\n"
"<li>allocated space is brighter the fuller its block group is</li>\n"
"<li><span style=\"background: #7fd47f\"></span>chart: unallocated after "
"each step</li>\n"
"<li><span style=\"background: #d4a85a\"></span>chart: bytes moved by "
"each step</li>\n"
"</ul>\n"
"<div>Keys: space plays and pauses, left and right step.</div>\n"
"</div>\n";

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
"  var maxu = 1, maxm = 1, i, s = '', pts = [], bw;\n"
"  numbers.forEach(function (n) {\n"
"    maxu = Math.max(maxu, n[0]);\n"
"    maxm = Math.max(maxm, n[1]);\n"
"  });\n"
"  function yu(v) { return chart_h - pad - v * (chart_h - 2 * pad) / maxu; }\n"
"  function ym(v) { return v * (chart_h - 2 * pad) / maxm / 2; }\n"
"  bw = Math.max(2, (chart_w - 2 * pad) / Math.max(1, numbers.length) / 2);\n"
"  s += '<svg id=\"chart-svg\" width=\"' + chart_w + '\" height=\"' + chart_h +\n"
"    '\" viewBox=\"0 0 ' + chart_w + ' ' + chart_h + '\" role=\"img\"' +\n"
"    ' aria-label=\"unallocated space and bytes moved per step\"' +\n"
"    ' data-points=\"' + numbers.length + '\">';\n"
"  for (i = 0; i < numbers.length; i++) {\n"
"    var h = ym(numbers[i][1]);\n"
"    s += '<rect class=\"bar\" data-step=\"' + i + '\" x=\"' +\n"
"      (chart_x(i) - bw / 2) + '\" y=\"' + (chart_h - pad - h) +\n"
"      '\" width=\"' + bw + '\" height=\"' + h + '\"><title>step ' + i +\n"
"      ': moved ' + human(numbers[i][1]) + '</title></rect>';\n"
"    pts.push(chart_x(i) + ',' + yu(numbers[i][0]));\n"
"  }\n"
"  s += '<polyline class=\"unalloc\" points=\"' + pts.join(' ') + '\"/>';\n"
"  for (i = 0; i < numbers.length; i++)\n"
"    s += '<circle class=\"point\" data-step=\"' + i + '\" cx=\"' + chart_x(i) +\n"
"      '\" cy=\"' + yu(numbers[i][0]) + '\" r=\"3\"><title>step ' + i +\n"
"      ': unallocated ' + human(numbers[i][0]) + '</title></circle>';\n"
"  s += '<line id=\"chart-now\" class=\"now\" x1=\"0\" x2=\"0\" y1=\"' + pad +\n"
"    '\" y2=\"' + (chart_h - pad) + '\"/>';\n"
"  s += '<text x=\"' + pad + '\" y=\"14\">unallocated, max ' + human(maxu) +\n"
"    '</text>';\n"
"  s += '<text x=\"' + pad + '\" y=\"' + (chart_h - 8) + '\">moved per step, max ' +\n"
"    human(maxm) + '; step 0 to ' + (numbers.length - 1) + '</text>';\n"
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

void film_chart_put_script(FILE *f, const struct film_numbers *num, int nr)
{
	int i;

	fputs("var numbers = [\n", f);
	for (i = 0; i < nr; i++) {
		fprintf(f, "  [%" PRIu64 ", %" PRIu64 ", ", num[i].unallocated,
			num[i].moved);
		film_put_js_string(f, num[i].line ? num[i].line : "");
		fputs(i + 1 < nr ? "],\n" : "]\n", f);
	}
	fputs("];\n", f);
	fputs(chart_script, f);
}
