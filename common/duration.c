// SPDX-License-Identifier: MIT
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "common/duration.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static const struct {
	const char *name;
	uint64_t ms;
} units[] = {
	{ "ms", 1 },		/* before "m": the longest name first */
	{ "s", 1000 },
	{ "m", 60 * 1000 },
	{ "h", 60 * 60 * 1000 },
	{ "d", 24 * 60 * 60 * 1000 },
};

int parse_duration(const char *str, uint64_t *ms)
{
	uint64_t total = 0, val, part;
	const char *p = str;
	size_t i, n = 0;

	if (!isdigit((unsigned char)*p))
		return -EINVAL;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		for (val = 0; isdigit((unsigned char)*p); p++) {
			if (val > (UINT64_MAX - 9) / 10)
				return -ERANGE;
			val = val * 10 + (uint64_t)(*p - '0');
		}
		if (p == str + strlen(str) && total == 0 &&
		    strspn(str, "0123456789") == strlen(str)) {
			part = 1000;	/* a lone number: seconds */
		} else {
			for (i = 0; i < ARRAY_SIZE(units); i++) {
				n = strlen(units[i].name);
				if (!strncmp(p, units[i].name, n) &&
				    !isalpha((unsigned char)p[n]))
					break;
			}
			if (i == ARRAY_SIZE(units))
				return -EINVAL;
			part = units[i].ms;
			p += n;
		}
		if (val > UINT64_MAX / part || total > UINT64_MAX - val * part)
			return -ERANGE;
		total += val * part;
	}
	*ms = total;
	return 0;
}

void format_duration(uint64_t ms, char *buf, size_t len)
{
	static const uint64_t steps[] = { 3600000, 60000, 1000, 1 };
	static const char * const names[] = { "h", "m", "s", "ms" };
	size_t used = 0, i;
	uint64_t n;

	snprintf(buf, len, "0s");
	for (i = 0; i < ARRAY_SIZE(steps) && ms; i++) {
		n = ms / steps[i];
		ms -= n * steps[i];
		if (n && used < len)
			used += snprintf(buf + used, len - used, "%llu%s",
					 (unsigned long long)n, names[i]);
	}
}
