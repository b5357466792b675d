// SPDX-License-Identifier: MIT
/*
 * Number formatting that scripts read from our output.  The expected
 * strings are Python's, obtained with /usr/bin/python3 (3.11, python3-btrfs
 * 13) and pasted here: repr(float(x)) for python_float_repr (the values
 * are given as hex floats, x.hex(), so that they are exact) and
 * btrfs.utils.pretty_size(n) for pretty_size.
 */
#include <math.h>
#include <stdint.h>
#include "common/units.h"
#include "kernel-lib/kernel.h"
#include "tests/unit/unit.h"

struct repr_case {
	double val;
	const char *repr;
};

static void test_python_float_repr(void)
{
	static const struct repr_case cases[] = {
		/* bytes_per_pixel as the grid line has it */
		{ 0x1.0000000000000p+24, "16777216.0" },	/* 1 GiB / 4**3 */
		{ 0x1.8000000000000p+23, "12582912.0" },	/* 3 GiB / 4**4 */
		{ 0x1.8000000000000p+24, "25165824.0" },	/* 24 MiB / 4**0 */
		{ 0x1.0000000000000p+10, "1024.0" },		/* 1 GiB / 4**10 */
		{ 0x1.0000000000000p+34, "17179869184.0" },	/* (2**64-1) / 4**15 */
		{ 0x1.8000607200000p+21, "3145740.0556640625" }, /* (3 GiB + 12345) / 4**5 */
		{ 0x1.0aaaaaaaaaaabp+13, "8533.333333333334" },
		/* shortest digits that read back */
		{ 0x1.999999999999ap-4, "0.1" },
		{ 0x1.3333333333334p-2, "0.30000000000000004" },
		{ 0x1.5555555555555p-2, "0.3333333333333333" },
		{ 0x1.d6f34547df3b6p+26, "123456789.123" },
		{ 0x1.e240c9fcb5c8ap+16, "123456.7890123" },
		{ 0x1.0000000000001p+53, "9007199254740994.0" },
		{ 0x1.0000000000000p+0, "1.0" },
		{ 0x0.0p+0, "0.0" },
		/* exponent below 1e-4 and from 1e16 */
		{ 0x1.a36e2eb1c432dp-14, "0.0001" },
		{ 0x1.4f8b588e368f1p-17, "1e-05" },
		{ 0x1.f75104d551d69p-17, "1.5e-05" },
		{ 0x1.0c6f7a0b5ed8dp-15, "3.2e-05" },
		{ 0x1.1c37937e07fffp+53, "9999999999999998.0" },
		{ 0x1.1c37937e08000p+53, "1e+16" },
		{ 0x1.0f0cf064dd592p+73, "1e+22" },
		{ 0x0.0000000000001p-1022, "5e-324" },
		{ 0x1.fffffffffffffp+1023, "1.7976931348623157e+308" },
		/* sign */
		{ -0x1.8000000000000p+0, "-1.5" },
		{ -0x0.0p+0, "-0.0" },
		{ -0x1.4f8b588e368f1p-17, "-1e-05" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		python_float_repr(cases[i].val, buf, sizeof(buf));
		CHECK_MSG(!strcmp(buf, cases[i].repr),
			  "%a: got \"%s\", Python says \"%s\"", cases[i].val,
			  buf, cases[i].repr);
	}
}

static void test_python_float_repr_not_finite(void)
{
	char buf[64];

	python_float_repr(INFINITY, buf, sizeof(buf));
	CHECK_STR(buf, "inf");
	python_float_repr(-INFINITY, buf, sizeof(buf));
	CHECK_STR(buf, "-inf");
	python_float_repr(NAN, buf, sizeof(buf));
	CHECK_STR(buf, "nan");
}

struct size_case {
	uint64_t size;
	const char *pretty;
};

static void test_pretty_size(void)
{
	static const struct size_case cases[] = {
		{ 0, "0.00B" },
		{ 1, "1.00B" },
		{ 1023, "1023.00B" },
		{ 1024, "1.00KiB" },
		{ 1025, "1.00KiB" },
		{ 1536, "1.50KiB" },
		{ 1048575, "1024.00KiB" },
		{ 1048576, "1.00MiB" },
		{ 8388608, "8.00MiB" },
		{ 53673984, "51.19MiB" },
		{ 107347968, "102.38MiB" },
		{ 123456789, "117.74MiB" },
		{ 1610612736, "1.50GiB" },
		{ 1099511627775ULL, "1024.00GiB" },
		{ 5629499534213121ULL, "5.00PiB" },
		{ 1ULL << 60, "1.00EiB" },
		{ UINT64_MAX, "16.00EiB" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		pretty_size(cases[i].size, buf, sizeof(buf));
		CHECK_MSG(!strcmp(buf, cases[i].pretty),
			  "%" PRIu64 ": got \"%s\", python-btrfs says \"%s\"",
			  cases[i].size, buf, cases[i].pretty);
	}
}

int main(void)
{
	RUN_TEST(test_python_float_repr);
	RUN_TEST(test_python_float_repr_not_finite);
	RUN_TEST(test_pretty_size);
	return UNIT_DONE("test-units");
}
