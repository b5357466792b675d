// SPDX-License-Identifier: MIT
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include "common/atomic-file.h"
#include "common/picture/film-chart.h"
#include "common/picture/film-page.h"

static const char page_head[] =
"<!DOCTYPE html>\n"
"<html lang=\"en\">\n"
"<head>\n"
"<meta charset=\"utf-8\">\n"
"<title>%s</title>\n"
"<style>\n"
"body { font-family: sans-serif; background: #1c1c1c; color: #ddd; margin: 1em; }\n"
"h1 { font-size: 1.1em; font-weight: normal; }\n"
"#frame { display: block; width: min(92vmin, %dpx); height: auto;\n"
"  image-rendering: pixelated; border: 1px solid #444; }\n"
"#controls { margin: .6em 0; display: flex; gap: .6em; align-items: center;\n"
"  width: min(92vmin, %dpx); }\n"
"#slider { flex: 1; }\n"
"#info { font-family: monospace; white-space: pre-wrap; }\n"
"#film { display: flex; flex-wrap: wrap; gap: 1.5em; align-items: flex-start; }\n"
"%s"
"</style>\n"
"</head>\n"
"<body>\n"
"<h1>%s</h1>\n"
"<div id=\"film\">\n"
"<div id=\"player\">\n"
"<img id=\"frame\" alt=\"space map\" src=\"%s\">\n"
"<div id=\"line\"></div>\n"
"<div id=\"controls\">\n"
"<button id=\"play\" type=\"button\">Play</button>\n"
"<input id=\"slider\" type=\"range\" min=\"0\" max=\"%d\" value=\"0\" "
"aria-label=\"step\">\n"
"<span id=\"step\"></span>\n"
"</div>\n"
"<div id=\"info\"></div>\n"
"</div>\n";

static const char page_script[] =
"</div>\n"
"<script>\n"
"var frames = [\n";

static const char page_tail[] =
"var img = document.getElementById('frame');\n"
"var slider = document.getElementById('slider');\n"
"var button = document.getElementById('play');\n"
"var step = document.getElementById('step');\n"
"var info = document.getElementById('info');\n"
"var cur = 0, timer = null, loaded = 0, failed = 0;\n"
"/* Say on the page when every frame has loaded, for tests and scripts. */\n"
"function counted() {\n"
"  document.body.setAttribute('data-frames-loaded', loaded);\n"
"  document.body.setAttribute('data-frames-failed', failed);\n"
"  if (loaded + failed == frames.length)\n"
"    document.body.setAttribute('data-frames-done', 'true');\n"
"}\n"
"frames.forEach(function (f) {\n"
"  var im = new Image();\n"
"  im.onload = function () { loaded++; counted(); };\n"
"  im.onerror = function () { failed++; counted(); };\n"
"  im.src = f[0];\n"
"});\n"
"function show(i) {\n"
"  if (i < 0 || i >= frames.length)\n"
"    return;\n"
"  cur = i;\n"
"  img.src = frames[i][0];\n"
"  slider.value = i;\n"
"  step.textContent = 'step ' + i + ' of ' + (frames.length - 1);\n"
"  info.textContent = frames[i][1];\n"
"  if (typeof chart_show == 'function')\n"
"    chart_show(i);\n"
"}\n"
"function stop() {\n"
"  clearInterval(timer);\n"
"  timer = null;\n"
"  button.textContent = 'Play';\n"
"}\n"
"function play() {\n"
"  if (cur >= frames.length - 1)\n"
"    show(0);\n"
"  button.textContent = 'Pause';\n"
"  timer = setInterval(function () {\n"
"    if (cur + 1 < frames.length)\n"
"      show(cur + 1);\n"
"    else\n"
"      stop();\n"
"  }, 700);\n"
"}\n"
"button.addEventListener('click', function () { timer ? stop() : play(); });\n"
"slider.addEventListener('input', function () {\n"
"  stop();\n"
"  show(Number(slider.value));\n"
"});\n"
"document.addEventListener('keydown', function (e) {\n"
"  if (e.key == ' ' || e.key == 'Spacebar') {\n"
"    timer ? stop() : play();\n"
"  } else if (e.key == 'ArrowLeft') {\n"
"    stop();\n"
"    show(cur - 1);\n"
"  } else if (e.key == 'ArrowRight') {\n"
"    stop();\n"
"    show(cur + 1);\n"
"  } else {\n"
"    return;\n"
"  }\n"
"  e.preventDefault();\n"
"});\n"
"show(0);\n"
"</script>\n"
"</body>\n"
"</html>\n";

int film_page_write(const char *path, const char *title,
		    const char * const *files, const char * const *labels,
		    const struct film_chart *chart, int nr, int width)
{
	struct atomic_file af;
	char *html_title = NULL, *first = NULL;
	size_t len;
	FILE *mem;
	int err, i;

	if (nr < 1)
		return -EINVAL;
	mem = open_memstream(&html_title, &len);
	if (!mem)
		return -ENOMEM;
	film_put_html(mem, title);
	fclose(mem);
	mem = open_memstream(&first, &len);
	if (!mem) {
		free(html_title);
		return -ENOMEM;
	}
	film_put_html(mem, files[0]);
	fclose(mem);

	err = atomic_file_open(&af, path);
	if (err)
		goto out;
	fprintf(af.fp, page_head, html_title, width, width,
		chart ? film_chart_style : "", html_title, first, nr - 1);
	if (chart)
		film_chart_put_html(af.fp, chart);
	fputs(page_script, af.fp);
	for (i = 0; i < nr; i++) {
		fputs("  [", af.fp);
		film_put_js_string(af.fp, files[i]);
		fputs(", ", af.fp);
		film_put_js_string(af.fp, labels[i]);
		fputs(i + 1 < nr ? "],\n" : "]\n", af.fp);
	}
	fputs("];\n", af.fp);
	if (chart)
		film_chart_put_script(af.fp, chart, nr);
	fputs(page_tail, af.fp);
	if (ferror(af.fp)) {
		err = -EIO;
		atomic_file_abort(&af);
		goto out;
	}
	err = atomic_file_commit(&af);
out:
	free(html_title);
	free(first);
	return err;
}
