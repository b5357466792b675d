// SPDX-License-Identifier: MIT
/*
 * LD_PRELOAD shim for the signal tests of 014: every fwrite() to a stream
 * other than standard output and standard error waits 20 ms first, so
 * that writing a picture takes long enough for a test to send a signal
 * while its temporary file is there, however fast the encoder becomes.
 * libpng writes through fwrite(), which a preloaded library can wrap.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <time.h>

size_t fwrite(const void *ptr, size_t size, size_t n, FILE *fp)
{
	static size_t (*real_fwrite)(const void *, size_t, size_t, FILE *);
	const struct timespec pause = { 0, 20 * 1000 * 1000 };

	if (!real_fwrite)
		real_fwrite = (size_t (*)(const void *, size_t, size_t, FILE *))
			dlsym(RTLD_NEXT, "fwrite");
	if (fp != stdout && fp != stderr)
		nanosleep(&pause, NULL);
	return real_fwrite(ptr, size, n, fp);
}
