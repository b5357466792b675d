// SPDX-License-Identifier: MIT
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <isa-l/igzip_lib.h>
#include <zlib.h>
#include "common/draw/png-bands.h"
#include "common/draw/png-filter.h"
#include "common/processors.h"

/*
 * A band is about this much of rows (at least BAND_MIN_ROWS rows): enough
 * for the deflaters to find their matches, small enough for a 1024-pixel
 * picture to make twelve bands for the threads to share.
 */
#define BAND_BYTES	(256 * 1024)
#define BAND_MIN_ROWS	4
/*
 * zlib slides its window once 64 KiB have gone in, and then every 32 KiB,
 * each time a pass over its 32 Ki match positions (slide_hash(): more
 * than a third of its instructions on a 1024-pixel picture).  A band of
 * zlib's that fits in 64 KiB never slides: bands of 1024-pixel rows are
 * 21 rows instead of 85, zlib's time a quarter less, the files 1 to 5%
 * larger (matches cannot reach into the band above).
 */
#define ZLIB_BAND_BYTES	(64 * 1024 - 300)
/*
 * A run of rows the same as the one above is made, as far as it goes, of
 * copies of one run of 2^j such rows deflated once, the longest of at most
 * RUN_PIECE_BYTES; the rest of the run goes into the bands.
 */
#define RUN_PIECE_BYTES	(4 * 1024 * 1024)
#define MAX_PIECE_LOG	20
/*
 * zlib's window: rows longer than this cannot be matched against the row
 * above, so zlib gains nothing on igzip there.
 */
#define ZLIB_WINDOW	32768
/*
 * Up to 2048 rows (12 MiB of pixels) zlib costs a few milliseconds on the
 * threads, and keeps every file as small as before; above, bands three
 * quarters of whose rows are the same as the one above go to igzip.
 */
#define ZLIB_MAX_HEIGHT	2048
#define MAX_WORKERS	8
/* Compressed bytes are handed out in pieces of at least this much. */
#define OUT_BYTES	(64 * 1024)

/* The first byte of a row until a worker puts the filter type there. */
#define ROW_PAINTED	0
#define ROW_SAME	1

enum band_state { BAND_FREE, BAND_READY, BAND_BUSY, BAND_DONE };

struct band {
	enum band_state state;
	uint8_t *rows;		/* rows of 1 + row_bytes: marker, pixels */
	uint32_t nr_rows;
	uint8_t *prev;		/* the unfiltered pixels above the first row */
	int has_prev;
	int first;		/* starts the stream: the zlib header */
	int final;		/* ends the deflate stream */
	uint32_t same_after;	/* runs of piece rows after the band */
	uint8_t *out;		/* the deflated band */
	size_t out_len;
	size_t out_alloc;
	uint32_t adler;		/* Adler-32 of the filtered rows */
	int err;
};

/* A kept run of 2^j rows the same as the one above, deflated alone. */
struct piece {
	uint8_t *out;
	size_t out_len;
	uint32_t adler;
};

struct worker_state;

struct png_bands {
	size_t row_bytes;
	size_t stride;		/* 1 + row_bytes */
	uint32_t height;
	uint32_t rows_per_band;
	png_bands_out_fn out;
	void *out_ctx;

	pthread_mutex_t lock;
	pthread_cond_t work;	/* a band is ready, or quit */
	pthread_cond_t done;	/* a band is done */
	int quit;
	pthread_t workers[MAX_WORKERS];
	int nr_workers;
	struct band *bands;
	uint32_t nr_bands;
	uint32_t next_job;	/* the next band a worker takes */

	/* The caller's thread only. */
	uint32_t fill;		/* the band being filled */
	uint32_t write;		/* the next band to write */
	uint32_t in_flight;	/* bands submitted, not written yet */
	struct band *cur;	/* bands[fill] when it is being filled */
	uint32_t rows_added;
	uint32_t same_pending;	/* rows the same as the last, not placed */
	const uint8_t *last_pixels;	/* last painted row of cur */
	uint8_t *last_row;	/* last painted row of the bands submitted */
	int has_last;
	uint32_t adler;		/* of all the rows written */
	int started;		/* the first band was made */
	struct piece piece;
	uint32_t piece_rows;	/* 2^piece_log rows */
	int piece_log;
	uint8_t *same_row;	/* filter Up and zeros */
	uint32_t same_adler;	/* its Adler-32 */
	struct isal_zstream *piece_stream;
	uint8_t *piece_level_buf;
	uint8_t *obuf;
	size_t obuf_len;
	struct worker_state *own;	/* for the bands the caller encodes */
};

/* Make room for @more bytes after the @len of @buf. */
static int grow(uint8_t **buf, size_t *alloc, size_t len, size_t more)
{
	size_t want = *alloc ? *alloc : 4096;
	uint8_t *p;

	while (want - len < more)
		want *= 2;
	if (want == *alloc)
		return 0;
	p = realloc(*buf, want);
	if (!p)
		return -ENOMEM;
	*buf = p;
	*alloc = want;
	return 0;
}

/*
 * Deflate @len bytes at @in onto *@out (growing it) with @s, set up by the
 * caller; the input may come in several calls, the last one with @flush
 * FULL_FLUSH or end_of_stream set in @s.
 */
static int deflate_more(struct isal_zstream *s, const uint8_t *in, size_t len,
			uint8_t **out, size_t *out_len, size_t *out_alloc)
{
	int err;

	s->next_in = (uint8_t *)in;
	s->avail_in = (uint32_t)len;
	for (;;) {
		if (*out_alloc - *out_len < 1024) {
			err = grow(out, out_alloc, *out_len, 1024);
			if (err)
				return err;
		}
		s->next_out = *out + *out_len;
		s->avail_out = (uint32_t)(*out_alloc - *out_len);
		if (isal_deflate(s) != COMP_OK)
			return -EIO;
		*out_len = (size_t)(s->next_out - *out);
		if (s->avail_out)
			return 0;
	}
}

static void stream_setup(struct isal_zstream *s, uint8_t *level_buf)
{
	isal_deflate_reset(s);
	s->level = 1;
	s->level_buf = level_buf;
	s->level_buf_size = ISAL_DEF_LVL1_DEFAULT;
	s->gzip_flag = IGZIP_DEFLATE;
}

/*
 * Give @len bytes at @in to zlib, the last piece of the band with @last:
 * then the band ends on a full flush, or the stream ends.
 */
static int zlib_feed(z_stream *z, const uint8_t *in, size_t len, int last,
		     struct band *b)
{
	int flush = !last ? Z_NO_FLUSH : b->final ? Z_FINISH : Z_FULL_FLUSH;
	int ret, err;

	z->next_in = (uint8_t *)in;
	z->avail_in = (uInt)len;
	for (;;) {
		if (b->out_alloc - b->out_len < 1024) {
			err = grow(&b->out, &b->out_alloc, b->out_len, 1024);
			if (err)
				return err;
		}
		z->next_out = b->out + b->out_len;
		z->avail_out = (uInt)(b->out_alloc - b->out_len);
		ret = deflate(z, flush);
		b->out_len = (size_t)(z->next_out - b->out);
		if (ret == Z_STREAM_END ||
		    ((ret == Z_OK || ret == Z_BUF_ERROR) && z->avail_out))
			return 0;
		if (ret != Z_OK && ret != Z_BUF_ERROR)
			return -EIO;
	}
}

/* What a worker keeps from band to band. */
struct worker_state {
	struct isal_zstream isal;
	uint8_t *level_buf;
	z_stream zlib;
	int zlib_ready;
	uint8_t *filtered;	/* igzip's rows of a band */
	uint8_t *same_slot;	/* per row there: it holds the shared row */
};

/*
 * Row @row (its marker first) as the deflater takes it, summed onto
 * b->adler: a row the same as the one above is the shared row of filter
 * Up and zeros, its sum combined rather than summed; igzip's rows are
 * filtered into @out, zlib's stay unfiltered where they are.
 */
static const uint8_t *band_row(const struct png_bands *pb, struct band *b,
			       uint8_t *row, const uint8_t **above,
			       uint8_t *out)
{
	const uint8_t *in = row;

	if (row[0] == ROW_SAME) {
		b->adler = (uint32_t)adler32_combine(b->adler, pb->same_adler,
						     (z_off_t)pb->stride);
		return pb->same_row;
	}
	if (out) {
		out[0] = png_filter_row(out + 1, row + 1, *above,
					pb->row_bytes);
		in = out;
	} else {
		row[0] = PNG_FILTER_TYPE_NONE;
	}
	*above = row + 1;
	b->adler = isal_adler32(b->adler, in, pb->stride);
	return in;
}

/*
 * Filter, sum and deflate band @b.  Bands mostly of rows the same as the
 * one above in large pictures (upscaled ones), and all the bands of rows
 * wider than zlib's window, go to igzip, with each row's filter chosen,
 * in one piece (fed a row at a time, igzip makes a block of each: the
 * files grow by a quarter); the others to zlib, unfiltered as before,
 * a row at a time (zlib's output is the same however its input comes):
 * igzip's matches on them make files up to a third larger than zlib's.
 * In an upscaled picture most rows are the same as the one above: zlib
 * reads the one shared row for them, and no row of zeros is summed.
 */
static int encode_band(const struct png_bands *pb, struct band *b,
		       struct worker_state *ws)
{
	struct isal_zlib_header hdr = { .info = 7, .level = 0 };
	const uint8_t *above = b->has_prev ? b->prev : NULL, *in;
	uint32_t i, same = 0;
	uint8_t *out;
	int use_isal, err;

	for (i = 0; i < b->nr_rows; i++)
		same += b->rows[(size_t)i * pb->stride] == ROW_SAME;
	use_isal = pb->stride > ZLIB_WINDOW ||
		   (pb->height > ZLIB_MAX_HEIGHT && same * 4 >= b->nr_rows * 3);
	b->adler = 1;
	b->out_len = 0;
	if (!b->nr_rows && !b->first && !b->final)
		return 0;
	if (b->first) {
		stream_setup(&ws->isal, ws->level_buf);
		ws->isal.next_out = b->out;
		ws->isal.avail_out = (uint32_t)b->out_alloc;
		if (isal_write_zlib_header(&ws->isal, &hdr))
			return -EIO;
		b->out_len = (size_t)(ws->isal.next_out - b->out);
	}
	if (use_isal) {
		for (i = 0, out = ws->filtered; i < b->nr_rows;
		     i++, out += pb->stride) {
			in = band_row(pb, b, b->rows + (size_t)i * pb->stride,
				      &above, out);
			/* A slot that holds the shared row keeps it. */
			if (in == out)
				ws->same_slot[i] = 0;
			else if (!ws->same_slot[i])
				memcpy(out, in, pb->stride);
			if (in != out)
				ws->same_slot[i] = 1;
		}
		stream_setup(&ws->isal, ws->level_buf);
		ws->isal.flush = b->final ? NO_FLUSH : FULL_FLUSH;
		ws->isal.end_of_stream = (uint16_t)b->final;
		return deflate_more(&ws->isal, ws->filtered,
				    (size_t)b->nr_rows * pb->stride, &b->out,
				    &b->out_len, &b->out_alloc);
	}
	if (!ws->zlib_ready) {
		if (deflateInit2(&ws->zlib, 3, Z_DEFLATED, -15, 4,
				 Z_DEFAULT_STRATEGY) != Z_OK)
			return -ENOMEM;
		ws->zlib_ready = 1;
	} else if (deflateReset(&ws->zlib) != Z_OK) {
		return -EIO;
	}
	if (!b->nr_rows)
		return zlib_feed(&ws->zlib, NULL, 0, 1, b);
	for (i = 0; i < b->nr_rows; i++) {
		in = band_row(pb, b, b->rows + (size_t)i * pb->stride, &above,
			      NULL);
		err = zlib_feed(&ws->zlib, in, pb->stride, i + 1 == b->nr_rows,
				b);
		if (err)
			return err;
	}
	return 0;
}

static int worker_state_init(const struct png_bands *pb,
			     struct worker_state *ws)
{
	memset(ws, 0, sizeof(*ws));
	ws->level_buf = malloc(ISAL_DEF_LVL1_DEFAULT);
	ws->filtered = malloc((size_t)pb->rows_per_band * pb->stride);
	ws->same_slot = calloc(pb->rows_per_band, 1);
	isal_deflate_init(&ws->isal);
	return ws->level_buf && ws->filtered && ws->same_slot ? 0 : -ENOMEM;
}

static void worker_state_release(struct worker_state *ws)
{
	if (ws->zlib_ready)
		deflateEnd(&ws->zlib);
	free(ws->level_buf);
	free(ws->filtered);
	free(ws->same_slot);
}

static void *worker(void *arg)
{
	struct png_bands *pb = arg;
	struct worker_state ws;
	struct band *b;
	int err, ready;

	ready = worker_state_init(pb, &ws);
	pthread_mutex_lock(&pb->lock);
	for (;;) {
		while (!pb->quit && pb->bands[pb->next_job].state != BAND_READY)
			pthread_cond_wait(&pb->work, &pb->lock);
		if (pb->quit)
			break;
		b = &pb->bands[pb->next_job];
		pb->next_job = (pb->next_job + 1) % pb->nr_bands;
		b->state = BAND_BUSY;
		pthread_mutex_unlock(&pb->lock);
		err = ready ? ready : encode_band(pb, b, &ws);
		pthread_mutex_lock(&pb->lock);
		b->err = err;
		b->state = BAND_DONE;
		pthread_cond_signal(&pb->done);
	}
	pthread_mutex_unlock(&pb->lock);
	worker_state_release(&ws);
	return NULL;
}

/* Hand @len bytes of the stream to the output, in pieces of OUT_BYTES. */
static int emit(struct png_bands *pb, const uint8_t *data, size_t len)
{
	size_t n;
	int err;

	while (len) {
		if (!pb->obuf_len && len >= OUT_BYTES)
			return pb->out(pb->out_ctx, data, len);
		n = OUT_BYTES - pb->obuf_len;
		if (n > len)
			n = len;
		memcpy(pb->obuf + pb->obuf_len, data, n);
		pb->obuf_len += n;
		data += n;
		len -= n;
		if (pb->obuf_len == OUT_BYTES) {
			err = pb->out(pb->out_ctx, pb->obuf, pb->obuf_len);
			pb->obuf_len = 0;
			if (err)
				return err;
		}
	}
	return 0;
}

/* Deflate the run of piece_rows rows the same as the one above, once. */
static int make_piece(struct png_bands *pb)
{
	struct piece *p = &pb->piece;
	size_t alloc = 0, i;
	struct isal_zstream *s;
	int err = 0;

	pb->piece_stream = malloc(sizeof(*pb->piece_stream));
	pb->piece_level_buf = malloc(ISAL_DEF_LVL1_DEFAULT);
	if (!pb->piece_stream || !pb->piece_level_buf)
		return -ENOMEM;
	s = pb->piece_stream;
	isal_deflate_init(s);
	stream_setup(s, pb->piece_level_buf);
	s->flush = NO_FLUSH;
	for (i = 0; i < pb->piece_rows && !err; i++) {
		if (i == pb->piece_rows - 1)
			s->flush = FULL_FLUSH;
		err = deflate_more(s, pb->same_row, pb->stride, &p->out,
				   &p->out_len, &alloc);
	}
	/* The sum of 2^j rows from that of one, doubling. */
	p->adler = pb->same_adler;
	for (i = 1; i < pb->piece_rows; i *= 2)
		p->adler = (uint32_t)adler32_combine(p->adler, p->adler,
						     (z_off_t)(i * pb->stride));
	return err;
}

/* @n copies of the piece. */
static int emit_pieces(struct png_bands *pb, uint32_t n)
{
	struct piece *p = &pb->piece;
	int err;

	if (!p->out) {
		err = make_piece(pb);
		if (err)
			return err;
	}
	for (; n; n--) {
		pb->adler = (uint32_t)adler32_combine(pb->adler, p->adler,
			(z_off_t)((size_t)pb->piece_rows * pb->stride));
		err = emit(pb, p->out, p->out_len);
		if (err)
			return err;
	}
	return 0;
}

static int write_band(struct png_bands *pb, struct band *b)
{
	uint8_t trailer[4];
	int err;

	if (b->err)
		return b->err;
	pb->adler = (uint32_t)adler32_combine(pb->adler, b->adler,
					      (z_off_t)((size_t)b->nr_rows *
							pb->stride));
	err = emit(pb, b->out, b->out_len);
	if (!err && b->same_after)
		err = emit_pieces(pb, b->same_after);
	if (err || !b->final)
		return err;
	trailer[0] = (uint8_t)(pb->adler >> 24);
	trailer[1] = (uint8_t)(pb->adler >> 16);
	trailer[2] = (uint8_t)(pb->adler >> 8);
	trailer[3] = (uint8_t)pb->adler;
	err = emit(pb, trailer, sizeof(trailer));
	if (!err && pb->obuf_len)
		err = pb->out(pb->out_ctx, pb->obuf, pb->obuf_len);
	pb->obuf_len = 0;
	return err;
}

/* Encode @b on the caller's thread. */
static int encode_own(struct png_bands *pb, struct band *b)
{
	int err;

	if (!pb->own) {
		pb->own = malloc(sizeof(*pb->own));
		if (!pb->own)
			return -ENOMEM;
		err = worker_state_init(pb, pb->own);
		if (err)
			return err;
	}
	return encode_band(pb, b, pb->own);
}

/* Write the oldest band, waiting for it if @wait, else only if done. */
static int write_oldest(struct png_bands *pb, int wait, int *wrote)
{
	struct band *b = &pb->bands[pb->write];
	enum band_state state;
	int err;

	*wrote = 0;
	pthread_mutex_lock(&pb->lock);
	while (wait && b->state != BAND_DONE) {
		/*
		 * No worker took it yet (a busy machine): encode it here
		 * rather than wait for one to be scheduled.
		 */
		if (b->state == BAND_READY && pb->next_job == pb->write) {
			pb->next_job = (pb->next_job + 1) % pb->nr_bands;
			b->state = BAND_BUSY;
			pthread_mutex_unlock(&pb->lock);
			err = encode_own(pb, b);
			pthread_mutex_lock(&pb->lock);
			b->err = err;
			b->state = BAND_DONE;
			break;
		}
		pthread_cond_wait(&pb->done, &pb->lock);
	}
	state = b->state;
	pthread_mutex_unlock(&pb->lock);
	if (state != BAND_DONE)
		return 0;
	err = write_band(pb, b);
	pthread_mutex_lock(&pb->lock);
	b->state = BAND_FREE;
	pthread_mutex_unlock(&pb->lock);
	pb->write = (pb->write + 1) % pb->nr_bands;
	pb->in_flight--;
	*wrote = 1;
	return err;
}

static int band_busy(struct png_bands *pb, const struct band *b)
{
	int busy;

	pthread_mutex_lock(&pb->lock);
	busy = b->state != BAND_FREE;
	pthread_mutex_unlock(&pb->lock);
	return busy;
}

/* The band to add rows to: the next one, once it is free. */
static int cur_band(struct png_bands *pb, struct band **out)
{
	struct band *b = &pb->bands[pb->fill];
	uint8_t *swap;
	int wrote, err;

	if (!pb->cur) {
		/* All bands are taken: write the oldest, which is this one. */
		while (band_busy(pb, b)) {
			err = write_oldest(pb, 1, &wrote);
			if (err)
				return err;
		}
		b->nr_rows = 0;
		b->same_after = 0;
		b->final = 0;
		b->err = 0;
		b->first = !pb->started;
		pb->started = 1;
		/* The band's own buffer goes back as the next last row. */
		b->has_prev = pb->has_last;
		swap = b->prev;
		b->prev = pb->last_row;
		pb->last_row = swap;
		pb->last_pixels = b->has_prev ? b->prev : NULL;
		pb->cur = b;
	}
	*out = pb->cur;
	return 0;
}

static int submit(struct png_bands *pb)
{
	struct band *b = pb->cur;
	int wrote = 1, err = 0;

	if (pb->last_pixels) {
		memcpy(pb->last_row, pb->last_pixels, pb->row_bytes);
		pb->has_last = 1;
	}
	pb->cur = NULL;
	pb->last_pixels = NULL;
	pthread_mutex_lock(&pb->lock);
	b->state = BAND_READY;
	pthread_cond_signal(&pb->work);
	pthread_mutex_unlock(&pb->lock);
	pb->fill = (pb->fill + 1) % pb->nr_bands;
	pb->in_flight++;
	/* Write what is done already, so that the file grows as it is made. */
	while (wrote && !err && pb->in_flight)
		err = write_oldest(pb, 0, &wrote);
	return err;
}

/* Place the rows the same as the last one counted so far. */
static int place_same_rows(struct png_bands *pb)
{
	uint32_t n = pb->same_pending;
	struct band *b;
	int err;

	pb->same_pending = 0;
	if (n >= pb->piece_rows) {
		err = cur_band(pb, &b);
		if (err)
			return err;
		b->same_after = n >> pb->piece_log;
		err = submit(pb);
		if (err)
			return err;
		n &= pb->piece_rows - 1;
	}
	while (n--) {
		err = cur_band(pb, &b);
		if (err)
			return err;
		b->rows[(size_t)b->nr_rows++ * pb->stride] = ROW_SAME;
		if (b->nr_rows == pb->rows_per_band) {
			err = submit(pb);
			if (err)
				return err;
		}
	}
	return 0;
}

static int finish(struct png_bands *pb)
{
	struct band *b;
	int wrote, err;

	err = place_same_rows(pb);
	if (!err)
		err = cur_band(pb, &b);
	if (err)
		return err;
	b->final = 1;
	err = submit(pb);
	while (!err && pb->in_flight)
		err = write_oldest(pb, 1, &wrote);
	return err;
}

int png_bands_row(struct png_bands *pb, uint8_t **row)
{
	struct band *b;
	int err;

	err = place_same_rows(pb);
	if (!err)
		err = cur_band(pb, &b);
	if (err)
		return err;
	*row = b->rows + (size_t)b->nr_rows * pb->stride + 1;
	return 0;
}

int png_bands_add_row(struct png_bands *pb, int same)
{
	struct band *b = pb->cur;
	int err = 0;

	if (same) {
		if (!pb->rows_added)
			return -EINVAL;
		pb->same_pending++;
	} else {
		/* After png_bands_row(): pb->cur is the band of the row. */
		if (!b)
			return -EINVAL;
		pb->last_pixels = b->rows + (size_t)b->nr_rows * pb->stride + 1;
		b->rows[(size_t)b->nr_rows++ * pb->stride] = ROW_PAINTED;
		if (b->nr_rows == pb->rows_per_band)
			err = submit(pb);
	}
	if (!err && ++pb->rows_added == pb->height)
		err = finish(pb);
	return err;
}

int png_bands_start(struct png_bands **out, size_t row_bytes, uint32_t height,
		    png_bands_out_fn fn, void *ctx)
{
	struct png_bands *pb;
	size_t band_bytes, out_bytes;
	int err, igzip_may;
	uint32_t i;

	*out = NULL;
	pb = calloc(1, sizeof(*pb));
	if (!pb)
		return -ENOMEM;
	pb->row_bytes = row_bytes;
	pb->stride = row_bytes + 1;
	pb->height = height;
	pb->out = fn;
	pb->out_ctx = ctx;
	pb->adler = 1;
	igzip_may = pb->stride > ZLIB_WINDOW || height > ZLIB_MAX_HEIGHT;
	pb->rows_per_band = (uint32_t)((igzip_may ? BAND_BYTES :
					ZLIB_BAND_BYTES) / pb->stride);
	if (pb->rows_per_band < BAND_MIN_ROWS)
		pb->rows_per_band = BAND_MIN_ROWS;
	/*
	 * Where igzip may take bands, whole powers of two of rows: the rows
	 * of an upscaled picture repeat in powers of two, so the same slots
	 * of igzip's band hold the shared row from band to band and are not
	 * written again.
	 */
	if (igzip_may)
		while (pb->rows_per_band & (pb->rows_per_band - 1))
			pb->rows_per_band &= pb->rows_per_band - 1;
	if (pb->rows_per_band > height)
		pb->rows_per_band = height;
	for (pb->piece_log = 0; pb->piece_log < MAX_PIECE_LOG &&
	     ((size_t)2 << pb->piece_log) * pb->stride <= RUN_PIECE_BYTES;)
		pb->piece_log++;
	pb->piece_rows = 1U << pb->piece_log;
	pthread_mutex_init(&pb->lock, NULL);
	pthread_cond_init(&pb->work, NULL);
	pthread_cond_init(&pb->done, NULL);
	*out = pb;

	pb->nr_workers = processors_usable(MAX_WORKERS);
	pb->nr_bands = (uint32_t)pb->nr_workers + 2;
	pb->bands = calloc(pb->nr_bands, sizeof(*pb->bands));
	pb->last_row = malloc(row_bytes);
	pb->obuf = malloc(OUT_BYTES);
	pb->same_row = calloc(1, pb->stride);
	if (!pb->bands || !pb->last_row || !pb->obuf || !pb->same_row)
		return -ENOMEM;
	pb->same_row[0] = PNG_FILTER_TYPE_UP;
	pb->same_adler = isal_adler32(1, pb->same_row, pb->stride);
	band_bytes = (size_t)pb->rows_per_band * pb->stride;
	out_bytes = band_bytes + band_bytes / 16 + 4096;
	for (i = 0; i < pb->nr_bands; i++) {
		pb->bands[i].rows = malloc(band_bytes);
		pb->bands[i].prev = malloc(row_bytes);
		pb->bands[i].out = malloc(out_bytes);
		pb->bands[i].out_alloc = out_bytes;
		if (!pb->bands[i].rows || !pb->bands[i].prev ||
		    !pb->bands[i].out)
			return -ENOMEM;
	}
	for (i = 0; i < (uint32_t)pb->nr_workers; i++) {
		err = pthread_create(&pb->workers[i], NULL, worker, pb);
		if (err) {
			pb->nr_workers = (int)i;
			return -err;
		}
	}
	return 0;
}

void png_bands_free(struct png_bands *pb)
{
	uint32_t i;
	int j;

	if (!pb)
		return;
	pthread_mutex_lock(&pb->lock);
	pb->quit = 1;
	pthread_cond_broadcast(&pb->work);
	pthread_mutex_unlock(&pb->lock);
	for (j = 0; j < pb->nr_workers; j++)
		pthread_join(pb->workers[j], NULL);
	for (i = 0; pb->bands && i < pb->nr_bands; i++) {
		free(pb->bands[i].rows);
		free(pb->bands[i].prev);
		free(pb->bands[i].out);
	}
	free(pb->piece.out);
	if (pb->own) {
		worker_state_release(pb->own);
		free(pb->own);
	}
	free(pb->bands);
	free(pb->last_row);
	free(pb->obuf);
	free(pb->same_row);
	free(pb->piece_stream);
	free(pb->piece_level_buf);
	pthread_cond_destroy(&pb->work);
	pthread_cond_destroy(&pb->done);
	pthread_mutex_destroy(&pb->lock);
	free(pb);
}
