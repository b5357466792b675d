// SPDX-License-Identifier: MIT
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "common/parse-utils.h"

/* The whole decimal number at the start of @str; *@end after it. */
static int parse_digits(const char *str, uint64_t *ret, char **end)
{
	if (!isdigit((unsigned char)str[0]))
		return -EINVAL;
	errno = 0;
	*ret = strtoull(str, end, 10);
	return errno == ERANGE ? -ERANGE : 0;
}

int parse_u64(const char *str, uint64_t *ret)
{
	uint64_t val;
	char *end;
	int err;

	err = parse_digits(str, &val, &end);
	if (err)
		return err;
	if (*end)
		return -EINVAL;
	*ret = val;
	return 0;
}

int parse_int_range(const char *str, int min, int max, int *ret)
{
	long val;
	char *end;

	if (!isdigit((unsigned char)str[str[0] == '-']))
		return -EINVAL;
	errno = 0;
	val = strtol(str, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno == ERANGE || val < min || val > max)
		return -ERANGE;
	*ret = (int)val;
	return 0;
}

int parse_size(const char *str, uint64_t *ret)
{
	static const char units[] = "kmgtpe";
	const char *unit;
	uint64_t val, mult = 1;
	int shift, err;
	char *end;

	err = parse_digits(str, &val, &end);
	if (err)
		return err;
	if (*end) {
		unit = strchr(units, tolower((unsigned char)*end));
		if (!unit)
			return -EINVAL;
		shift = 10 * (int)(unit - units + 1);
		mult = 1ULL << shift;
		end++;
		if (!strcmp(end, "iB") || !strcmp(end, "B"))
			end += strlen(end);
		if (*end)
			return -EINVAL;
		if (val > UINT64_MAX >> shift)
			return -ERANGE;
	}
	*ret = val * mult;
	return 0;
}

int parse_choice(const char *str, const char * const *choices)
{
	int i;

	for (i = 0; choices[i]; i++)
		if (!strcmp(str, choices[i]))
			return i;
	return -1;
}
