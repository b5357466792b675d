/* SPDX-License-Identifier: MIT */
#ifndef HEATMAP_IMAGE_CSUM_H
#define HEATMAP_IMAGE_CSUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Name of checksum type @type as mkfs.btrfs --csum spells it, or NULL. */
const char *image_csum_name(uint16_t type);

/*
 * Bytes of checksum @type stores, or 0 when the type is unknown.  A known
 * type this build has no library for still has its size.
 */
size_t image_csum_size(uint16_t type);

/* True when this build can compute checksum @type. */
bool image_csum_supported(uint16_t type);

/*
 * Compute checksum @type of @len bytes at @data into the 32 bytes at @out
 * (zero-padded).  Return 0 or -EOPNOTSUPP when not built in.
 */
int image_csum_compute(uint16_t type, const void *data, size_t len,
		       uint8_t *out);

/*
 * Check that @len bytes at @data have checksum @csum of @type (its first
 * image_csum_size() bytes).  Return 0, -EBADMSG on a mismatch, -EOPNOTSUPP
 * when the type is unknown or not built in.
 */
int image_csum_verify(uint16_t type, const void *data, size_t len,
		      const uint8_t *csum);

#endif
