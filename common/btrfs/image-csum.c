// SPDX-License-Identifier: MIT
#include <endian.h>
#include <errno.h>
#include <string.h>
#include <linux/btrfs_tree.h>
#include "common/btrfs/image-csum.h"
#include "kernel-lib/btrfs-ondisk.h"

/*
 * Each checksum comes from the library Debian packages for it: crc32c
 * from ISA-L, xxhash64 from libxxhash, sha256 and blake2b from libgcrypt.
 * The Makefile defines HAVE_* for the ones it found.
 */
#ifdef HAVE_ISAL
#include <isa-l/crc.h>
#endif
#ifdef HAVE_XXHASH
#include <xxhash.h>
#endif
#ifdef HAVE_GCRYPT
#include <gcrypt.h>
#endif

const char *image_csum_name(uint16_t type)
{
	switch (type) {
	case BTRFS_CSUM_TYPE_CRC32:
		return "crc32c";
	case BTRFS_CSUM_TYPE_XXHASH:
		return "xxhash";
	case BTRFS_CSUM_TYPE_SHA256:
		return "sha256";
	case BTRFS_CSUM_TYPE_BLAKE2:
		return "blake2";
	}
	return NULL;
}

size_t image_csum_size(uint16_t type)
{
	switch (type) {
	case BTRFS_CSUM_TYPE_CRC32:
		return 4;
	case BTRFS_CSUM_TYPE_XXHASH:
		return 8;
	case BTRFS_CSUM_TYPE_SHA256:
	case BTRFS_CSUM_TYPE_BLAKE2:
		return 32;
	}
	return 0;
}

bool image_csum_supported(uint16_t type)
{
	switch (type) {
#ifdef HAVE_ISAL
	case BTRFS_CSUM_TYPE_CRC32:
		return true;
#endif
#ifdef HAVE_XXHASH
	case BTRFS_CSUM_TYPE_XXHASH:
		return true;
#endif
#ifdef HAVE_GCRYPT
	case BTRFS_CSUM_TYPE_SHA256:
	case BTRFS_CSUM_TYPE_BLAKE2:
		return true;
#endif
	}
	return false;
}

#ifdef HAVE_GCRYPT
static void gcrypt_hash(int algo, const void *data, size_t len, uint8_t *out)
{
	/* Idempotent; libgcrypt wants it before the first use. */
	static int initialized;

	if (!__atomic_load_n(&initialized, __ATOMIC_ACQUIRE)) {
		gcry_check_version(NULL);
		gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
		__atomic_store_n(&initialized, 1, __ATOMIC_RELEASE);
	}
	gcry_md_hash_buffer(algo, out, data, len);
}
#endif

int image_csum_compute(uint16_t type, const void *data, size_t len,
		       uint8_t *out)
{
	if (!image_csum_supported(type))
		return -EOPNOTSUPP;
	memset(out, 0, BTRFS_ONDISK_CSUM_SIZE);
	switch (type) {
#ifdef HAVE_ISAL
	case BTRFS_CSUM_TYPE_CRC32: {
		/* ISA-L neither inverts going in nor coming out. */
		uint32_t crc = htole32(~crc32_iscsi((unsigned char *)data,
						    (int)len, ~0U));

		memcpy(out, &crc, sizeof(crc));
		break;
	}
#endif
#ifdef HAVE_XXHASH
	case BTRFS_CSUM_TYPE_XXHASH: {
		uint64_t h = htole64(XXH64(data, len, 0));

		memcpy(out, &h, sizeof(h));
		break;
	}
#endif
#ifdef HAVE_GCRYPT
	case BTRFS_CSUM_TYPE_SHA256:
		gcrypt_hash(GCRY_MD_SHA256, data, len, out);
		break;
	case BTRFS_CSUM_TYPE_BLAKE2:
		gcrypt_hash(GCRY_MD_BLAKE2B_256, data, len, out);
		break;
#endif
	default:
		return -EOPNOTSUPP;
	}
	return 0;
}

int image_csum_verify(uint16_t type, const void *data, size_t len,
		      const uint8_t *csum)
{
	uint8_t out[BTRFS_ONDISK_CSUM_SIZE];
	int err;

#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
	/* Let the fuzzer past the checksums to the parsers behind them. */
	return image_csum_size(type) ? 0 : -EOPNOTSUPP;
#endif
	err = image_csum_compute(type, data, len, out);
	if (err)
		return err;
	return memcmp(out, csum, image_csum_size(type)) ? -EBADMSG : 0;
}
