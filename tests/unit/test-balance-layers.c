// SPDX-License-Identifier: MIT
/*
 * The pieces of balance-least-used that need no filesystem: the order of
 * the queue, the status line, the ffmpeg command and the film page.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "common/picture/film-page.h"
#include "common/balance/frames.h"
#include "common/balance/balance-plan.h"
#include "common/progress.h"
#include "tests/unit/unit.h"

/* The reference's order: the tuple (used_pct, vaddr), smallest first. */
static int cmp_tuple(const void *a, const void *b)
{
	const struct plan_bg *x = a, *y = b;

	if (x->used_pct != y->used_pct)
		return x->used_pct < y->used_pct ? -1 : 1;
	if (x->vaddr != y->vaddr)
		return x->vaddr < y->vaddr ? -1 : 1;
	return 0;
}

static void check_pops_sorted(struct balance_plan *heap, struct plan_bg *want,
			      int nr)
{
	struct plan_bg got;
	int i;

	qsort(want, nr, sizeof(*want), cmp_tuple);
	CHECK_INT(balance_plan_nr(heap), nr);
	for (i = 0; i < nr; i++) {
		CHECK(balance_plan_peek(heap) != NULL);
		balance_plan_pop(heap, &got);
		CHECK_MSG(got.used_pct == want[i].used_pct &&
			  got.vaddr == want[i].vaddr,
			  "pop %d: got (%d, %llu) want (%d, %llu)", i,
			  got.used_pct, (unsigned long long)got.vaddr,
			  want[i].used_pct, (unsigned long long)want[i].vaddr);
	}
	CHECK(balance_plan_peek(heap) == NULL);
}

static void test_heap_order_with_ties(void)
{
	struct plan_bg want[500], bg;
	struct balance_plan heap;
	int i;

	balance_plan_init(&heap);
	srand(42);
	for (i = 0; i < 500; i++) {
		memset(&bg, 0, sizeof(bg));
		/* few percent values: many ties, broken by the address */
		bg.used_pct = rand() % 7;
		bg.vaddr = (uint64_t)(rand() % 100000) << 20 | (uint64_t)i;
		want[i] = bg;
		CHECK_INT(balance_plan_push(&heap, &bg), 0);
	}
	CHECK_SUB(check_pops_sorted(&heap, want, 500));
	balance_plan_free(&heap);
}

/* Device-aware: most stripes on short devices first, then least used. */
static void test_heap_prefer_short(void)
{
	static const struct { int pct, stripes; uint64_t vaddr; } bgs[] = {
		{ 5, 0, 100 }, { 40, 1, 200 }, { 30, 2, 300 }, { 10, 1, 400 },
		{ 90, 2, 500 },
	};
	static const uint64_t order[] = { 300, 500, 400, 200, 100 };
	struct balance_plan heap;
	struct plan_bg bg;
	size_t i;

	balance_plan_init(&heap);
	for (i = 0; i < sizeof(bgs) / sizeof(bgs[0]); i++) {
		memset(&bg, 0, sizeof(bg));
		bg.used_pct = bgs[i].pct;
		bg.short_stripes = bgs[i].stripes;
		bg.vaddr = bgs[i].vaddr;
		CHECK_INT(balance_plan_push(&heap, &bg), 0);
	}
	/* the reference would take the 5% one first */
	CHECK_U64(balance_plan_least_used(&heap)->vaddr, 100);
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		balance_plan_pop(&heap, &bg);
		CHECK_U64(bg.vaddr, order[i]);
	}
	CHECK(balance_plan_least_used(&heap) == NULL);
	balance_plan_free(&heap);
}

/* Postponing: the top goes back with its new percentage, as heapreplace. */
static void test_heap_replace(void)
{
	static const int pct[] = { 19, 28, 19, 0, 28, 3 };
	struct plan_bg want[6], bg, top;
	struct balance_plan heap;
	int i;

	balance_plan_init(&heap);
	for (i = 0; i < 6; i++) {
		memset(&bg, 0, sizeof(bg));
		bg.used_pct = pct[i];
		bg.vaddr = 1000 * (6 - i);
		want[i] = bg;
		CHECK_INT(balance_plan_push(&heap, &bg), 0);
	}
	top = *balance_plan_peek(&heap);
	CHECK_INT(top.used_pct, 0);
	CHECK_U64(top.vaddr, 3000);
	top.used_pct = 20;
	balance_plan_pop_push(&heap, &top);
	want[3].used_pct = 20;
	CHECK_SUB(check_pops_sorted(&heap, want, 6));

	/* a copy walks the plan without touching the queue */
	for (i = 0; i < 6; i++)
		CHECK_INT(balance_plan_push(&heap, &want[i]), 0);
	{
		struct balance_plan copy;

		CHECK_INT(balance_plan_copy(&copy, &heap), 0);
		balance_plan_pop(&copy, NULL);
		balance_plan_pop(&copy, NULL);
		CHECK_INT(balance_plan_nr(&copy), 4);
		CHECK_INT(balance_plan_nr(&heap), 6);
		balance_plan_free(&copy);
	}
	balance_plan_free(&heap);
}

static void test_progress_estimate(void)
{
	struct progress p;
	char line[256];

	progress_init(&p, false, 4, 400);
	CHECK(!p.tty);
	p.start.tv_sec -= 10;
	progress_format(&p, NULL, line, sizeof(line));
	CHECK_MSG(strstr(line, "0/4 block groups") && strstr(line, "? left"),
		  "%s", line);
	/* a quarter of the bytes in 10 seconds: 30 more */
	p.done_items = 1;
	p.done_bytes = 100;
	progress_format(&p, "vaddr 5 (3%)", line, sizeof(line));
	CHECK_MSG(strstr(line, "1/4 block groups, 100.00B/400.00B relocated, 0:10 elapsed, ~0:30 left, vaddr 5 (3%)"),
		  "%s", line);
	/* empty block groups move no bytes: count them instead */
	p.done_items = 2;
	p.done_bytes = 0;
	progress_format(&p, NULL, line, sizeof(line));
	CHECK_MSG(strstr(line, "~0:10 left"), "%s", line);
}

static void test_ffmpeg_command_quoting(void)
{
	struct frames fr;
	char *cmd;

	memset(&fr, 0, sizeof(fr));
	fr.dir = "it's here";
	fr.nr = 3;
	cmd = frames_ffmpeg_command(&fr);
	CHECK(cmd != NULL);
	CHECK_STR(cmd, "ffmpeg -framerate 2 -i 'it'\\''s here/frame-%06d.png' -frames:v 3 -c:v libx264 -pix_fmt yuv420p 'it'\\''s here/balance.mp4'");
	free(cmd);
	fr.dir = "/var/tmp/film";
	cmd = frames_ffmpeg_command(&fr);
	CHECK(cmd != NULL);
	CHECK_STR(cmd, "ffmpeg -framerate 2 -i '/var/tmp/film/frame-%06d.png' -frames:v 3 -c:v libx264 -pix_fmt yuv420p /var/tmp/film/balance.mp4");
	free(cmd);
}

static void test_film_page(void)
{
	static const char * const files[] = { "frame-000000.png",
					      "frame-000001.png" };
	static const char * const labels[] = { "before: <= 100",
					       "step 1: \"quoted\" \\ </script>" };
	static char page[65536];
	char dir[] = "/tmp/test-film-XXXXXX", path[64];
	size_t len;
	FILE *f;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/index.html", dir);
	CHECK_INT(film_page_write(path, "film <1>", files, labels, NULL, 2, 256), 0);
	f = fopen(path, "r");
	CHECK(f != NULL);
	len = fread(page, 1, sizeof(page) - 1, f);
	page[len] = '\0';
	fclose(f);
	unlink(path);
	rmdir(dir);
	CHECK(len > 0);
	CHECK(strstr(page, "<title>film &lt;1&gt;</title>") != NULL);
	CHECK(strstr(page, "[\"frame-000001.png\", \"step 1: \\\"quoted\\\" \\\\ \\u003c/script\\u003e\"]") != NULL);
	CHECK(strstr(page, "max=\"1\"") != NULL);
	/* self-contained: one inline script, nothing fetched from anywhere */
	CHECK(strstr(page, "http") == NULL);
	CHECK(strstr(page, "<script src") == NULL);
	CHECK(strstr(strstr(page, "</script>") + 1, "</script>") == NULL);
}

int main(void)
{
	RUN_TEST(test_heap_order_with_ties);
	RUN_TEST(test_heap_replace);
	RUN_TEST(test_heap_prefer_short);
	RUN_TEST(test_progress_estimate);
	RUN_TEST(test_ffmpeg_command_quoting);
	RUN_TEST(test_film_page);
	return UNIT_DONE("test-balance-layers");
}
