// SPDX-License-Identifier: MIT
#include <string.h>
#include "common/exclop.h"

static const char * const short_ops[] = {
	"swap activate", "device add", "resize",
};

enum exclop_kind exclop_classify(const char *op, bool balance_ctl)
{
	size_t i;

	if (balance_ctl)
		return EXCLOP_PERSON;
	if (!op || !op[0] || !strcmp(op, "none"))
		return EXCLOP_NONE;
	/* No balance of anyone's under "balance": the kernel's reclaim. */
	if (!strcmp(op, "balance"))
		return EXCLOP_SHORT;
	for (i = 0; i < sizeof(short_ops) / sizeof(short_ops[0]); i++)
		if (!strcmp(op, short_ops[i]))
			return EXCLOP_SHORT;
	return EXCLOP_PERSON;
}

const char *exclop_describe(const char *op, bool balance_ctl)
{
	if (!balance_ctl && op && !strcmp(op, "balance"))
		return "the kernel's block group reclaim";
	return op && op[0] ? op : "an exclusive operation";
}
