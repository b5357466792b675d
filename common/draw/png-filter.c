// SPDX-License-Identifier: MIT
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include "common/draw/png-filter.h"

#define BPP	3	/* bytes a pixel: 8-bit RGB */
/*
 * The sums go 16 bytes at a time with SSE2 where there is SSE2 (every
 * x86-64); the filters in blocks of a constant number of bytes, which the
 * compiler turns into vector code at -O2; the rest byte by byte.
 */
#define BLOCK	32

/* |b| with b read as a signed byte. */
static inline unsigned int sabs(uint8_t b)
{
	return b < 128 ? b : 256U - b;
}

struct sums {
	unsigned long none, sub, up;
};

#ifdef __SSE2__
/* The sum of |b| over the 16 signed bytes of @d, in two 64-bit lanes. */
static inline __m128i sabs_sum(__m128i d)
{
	const __m128i zero = _mm_setzero_si128();

	return _mm_sad_epu8(_mm_min_epu8(d, _mm_sub_epi8(zero, d)), zero);
}

static inline unsigned long lanes(__m128i v)
{
	return (unsigned long)_mm_cvtsi128_si64(v) +
	       (unsigned long)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
}

/* The sums of bytes [@from, @to) of the three filters. */
static size_t add_sums_vec(struct sums *s, const uint8_t *row,
			   const uint8_t *prev, size_t from, size_t to)
{
	__m128i none = _mm_setzero_si128(), sub = none, up = none, r;
	size_t i;

	for (i = from; i + 16 <= to; i += 16) {
		r = _mm_loadu_si128((const __m128i *)(row + i));
		none = _mm_add_epi64(none, sabs_sum(r));
		sub = _mm_add_epi64(sub, sabs_sum(_mm_sub_epi8(r,
			_mm_loadu_si128((const __m128i *)(row + i - BPP)))));
		up = _mm_add_epi64(up, sabs_sum(_mm_sub_epi8(r,
			_mm_loadu_si128((const __m128i *)(prev + i)))));
	}
	s->none += lanes(none);
	s->sub += lanes(sub);
	s->up += lanes(up);
	return i;
}
#else
static size_t add_sums_vec(struct sums *s, const uint8_t *row,
			   const uint8_t *prev, size_t from, size_t to)
{
	(void)s;
	(void)row;
	(void)prev;
	(void)to;
	return from;
}
#endif

/* The sums of bytes [@from, @to) of the three filters. */
static void add_sums(struct sums *s, const uint8_t *row, const uint8_t *prev,
		     size_t from, size_t to)
{
	size_t i;

	for (i = add_sums_vec(s, row, prev, from, to); i < to; i++) {
		s->none += sabs(row[i]);
		s->sub += sabs((uint8_t)(row[i] - row[i - BPP]));
		s->up += sabs((uint8_t)(row[i] - prev[i]));
	}
}

static void filter_up(uint8_t *restrict out, const uint8_t *restrict row,
		      const uint8_t *restrict prev, size_t len)
{
	size_t i, k;

	for (i = 0; i + BLOCK <= len; i += BLOCK)
		for (k = 0; k < BLOCK; k++)
			out[i + k] = (uint8_t)(row[i + k] - prev[i + k]);
	for (; i < len; i++)
		out[i] = (uint8_t)(row[i] - prev[i]);
}

static void filter_sub(uint8_t *restrict out, const uint8_t *restrict row,
		       size_t len)
{
	size_t i, k;

	for (i = 0; i < len && i < BPP; i++)
		out[i] = row[i];
	for (; i + BLOCK <= len; i += BLOCK)
		for (k = 0; k < BLOCK; k++)
			out[i + k] = (uint8_t)(row[i + k] - row[i + k - BPP]);
	for (; i < len; i++)
		out[i] = (uint8_t)(row[i] - row[i - BPP]);
}

uint8_t png_filter_row(uint8_t *restrict out, const uint8_t *restrict row,
		       const uint8_t *restrict prev, size_t len)
{
	struct sums s = { 0, 0, 0 };
	size_t i;

	if (!prev) {
		/* Up is None on the first row: compare None and Sub only. */
		add_sums(&s, row, row, BPP < len ? BPP : len, len);
		s.up = ~0UL;
	} else {
		add_sums(&s, row, prev, BPP < len ? BPP : len, len);
	}
	for (i = 0; i < len && i < BPP; i++) {
		s.none += sabs(row[i]);
		s.sub += sabs(row[i]);
		if (prev)
			s.up += sabs((uint8_t)(row[i] - prev[i]));
	}
	if (prev && s.up <= s.sub && s.up <= s.none) {
		filter_up(out, row, prev, len);
		return PNG_FILTER_TYPE_UP;
	}
	if (s.sub < s.none) {
		filter_sub(out, row, len);
		return PNG_FILTER_TYPE_SUB;
	}
	memcpy(out, row, len);
	return PNG_FILTER_TYPE_NONE;
}
