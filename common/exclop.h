/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_EXCLOP_H
#define HEATMAP_EXCLOP_H

#include <stdbool.h>

/*
 * What holds the filesystem's exclusive operation, as far as a balance of
 * one block group is concerned: nothing; something short that ends on
 * its own and is worth waiting for (the kernel's own block group reclaim,
 * which holds the "balance" operation without a balance of anyone's;
 * swapfile activation; device add; resize); or something a person
 * started and must finish or stop (a balance running or paused, device
 * remove or replace).
 */
enum exclop_kind {
	EXCLOP_NONE,
	EXCLOP_SHORT,
	EXCLOP_PERSON,
};

/*
 * Classify @op, the text of /sys/fs/btrfs/<uuid>/exclusive_operation
 * ("none", "balance", "device add", ...; NULL or empty when the kernel
 * does not say), with @balance_ctl true when BTRFS_IOC_BALANCE_PROGRESS
 * reports a balance.  An operation this code does not know counts as
 * started by a person: waiting on it could take any time.
 */
enum exclop_kind exclop_classify(const char *op, bool balance_ctl);

/* What to call it in a status line: "the kernel's block group reclaim". */
const char *exclop_describe(const char *op, bool balance_ctl);

#endif
