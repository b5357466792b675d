// SPDX-License-Identifier: MIT
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/units.h"

void pretty_size(uint64_t size, char *buf, size_t len)
{
	static const char units[] = "_KMGTPE";
	double val = (double)size;
	int unit = 0;

	if (size == 0) {
		snprintf(buf, len, "0.00B");
		return;
	}
	/* The reference divides step by step to choose the unit ... */
	while (val >= 1024 && unit < (int)strlen(units) - 1) {
		unit++;
		val /= 1024;
	}
	if (!unit) {
		snprintf(buf, len, "%.2fB", (double)size);
		return;
	}
	/* ... then divides the exact size once by the unit's power. */
	val = (double)size / (double)(1ULL << (10 * unit));
	snprintf(buf, len, "%.2f%ciB", val, units[unit]);
}

void python_float_repr(double val, char *buf, size_t len)
{
	char digits[40], mant[24];
	int prec, exp, ndigits, i;
	char *e, *p;

	if (!isfinite(val)) {
		snprintf(buf, len, "%s", isnan(val) ? "nan" : val < 0 ? "-inf" : "inf");
		return;
	}
	if (signbit(val) && len > 1) {
		*buf++ = '-';
		len--;
		val = -val;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(digits, sizeof(digits), "%.*e", prec - 1, val);
		if (strtod(digits, NULL) == val)
			break;
	}
	/* digits is "d.ddde[+-]XX": gather the significant digits. */
	e = strchr(digits, 'e');
	exp = atoi(e + 1);
	ndigits = 0;
	for (p = digits; p < e; p++)
		if (*p >= '0' && *p <= '9')
			mant[ndigits++] = *p;
	while (ndigits > 1 && mant[ndigits - 1] == '0')
		ndigits--;
	mant[ndigits] = '\0';

	if (exp < -4 || exp >= 16) {
		snprintf(buf, len, "%c%s%s%se%c%02d", mant[0],
			 ndigits > 1 ? "." : "", mant + 1, "",
			 exp < 0 ? '-' : '+', abs(exp));
		return;
	}
	p = buf;
	if (exp < 0) {
		p += snprintf(p, len, "0.");
		for (i = -1; i > exp; i--)
			*p++ = '0';
		snprintf(p, len - (size_t)(p - buf), "%s", mant);
		return;
	}
	for (i = 0; i <= exp; i++)
		*p++ = i < ndigits ? mant[i] : '0';
	*p++ = '.';
	if (ndigits > exp + 1)
		snprintf(p, len - (size_t)(p - buf), "%s", mant + exp + 1);
	else
		snprintf(p, len - (size_t)(p - buf), "0");
}
