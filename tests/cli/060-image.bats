#!/usr/bin/env bats
# show and bg on image files, without root and without loop devices: the
# block-group-tree fixture drawn by an unprivileged user as the reference
# drew it mounted; filesystems made by mkfs.btrfs straight into files;
# what a broken, missing or foreign image gives: one ERROR line, exit 1,
# no picture.

load ../common

setup_file() {
	# A directory and an image an unprivileged user can read.
	IMGDIR=$(mktemp -d /tmp/heatmap-image-test.XXXXXX)
	chmod 755 "$IMGDIR"
	zstd -q -d "$FIXTURES/bgt.img.zst" -o "$IMGDIR/bgt.img"
	chmod 644 "$IMGDIR/bgt.img"
	export IMGDIR
}

teardown_file() {
	rm -rf "$IMGDIR"
}

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# as_user CMD...: CMD as an unprivileged user (nobody when we are root).
as_user() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
	else
		"$@"
	fi
}

# fails PATTERN ARGS...: btrfs-heatmap ARGS fails with one ERROR line
# matching PATTERN, nothing on stdout, no file written.
fails() {
	local pattern=$1
	shift
	run --separate-stderr "$HEATMAP" "$@"
	if [ "$status" -ne 1 ] || [ "${#stderr_lines[@]}" -ne 1 ] ||
	   [[ ! "$stderr" =~ ^ERROR:\  ]] || [[ ! "$stderr" =~ $pattern ]]; then
		echo "btrfs-heatmap $*: status $status" >&2
		echo "stdout: $output" >&2
		echo "stderr: $stderr" >&2
		echo "wanted one ERROR line matching: $pattern" >&2
		return 1
	fi
	[ -z "$(ls -A)" ] || { ls -A >&2; return 1; }
}

# mkimg FILE SIZE MKFS_OPTIONS...: a btrfs made by mkfs.btrfs in FILE, with
# some files in it (--rootdir), so its block groups are partly used.
mkimg() {
	local file=$1 size=$2
	shift 2
	if [ ! -d "$BATS_FILE_TMPDIR/root" ]; then
		mkdir -p "$BATS_FILE_TMPDIR/root/d"
		head -c 20000000 /dev/urandom > "$BATS_FILE_TMPDIR/root/big"
		for i in $(seq 1 200); do
			head -c $((i * 300)) /dev/urandom > "$BATS_FILE_TMPDIR/root/d/f$i"
		done
	fi
	rm -f "$file"
	truncate -s "$size" "$file"
	mkfs.btrfs -q -f "$@" "$file" > /dev/null
}

@test "the block group tree fixture, unmounted, as an unprivileged user: the reference's picture" {
	mkdir -m 777 "$IMGDIR/out"
	run --separate-stderr as_user "$HEATMAP" show -o "$IMGDIR/out/ours.png" "$IMGDIR/bgt.img"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# the lines of the mounted reading (tests/fs/020-bgt-image.bats)
	[ "${lines[0]}" = "scope device 1" ]
	[ "${lines[1]}" = "grid curve hilbert order 3 size 10 height 8 width 8 total_bytes 1073741824 bytes_per_pixel 16777216.0" ]
	assert_same_pixels "$FIXTURES/ref_bgt_show.png" "$IMGDIR/out/ours.png"
}

@test "bg of the fixture, unmounted: the reference's picture of block group 553844736" {
	as_user "$HEATMAP" bg --vaddr 553844736 -o - "$IMGDIR/bgt.img" > bg.png
	assert_same_pixels "$FIXTURES/ref_bgt_bg_553844736.png" bg.png
}

@test "the reference's command line on the image: the reference's picture" {
	"$HEATMAP" -o legacy.png "$IMGDIR/bgt.img" > /dev/null
	assert_same_pixels "$FIXTURES/ref_bgt_show.png" legacy.png
}

@test "diff: an image as one side, drawn now" {
	"$HEATMAP" show -o before.png "$IMGDIR/bgt.img" > /dev/null
	run --separate-stderr "$HEATMAP" diff -o d.png before.png "$IMGDIR/bgt.img"
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[[ "$output" == *"block_groups before 8 after 8 added 0 removed 0 changed 0"* ]]
}

@test "automatic name from the image's fsid, as mounted" {
	run "$HEATMAP" show "$IMGDIR/bgt.img"
	[ "$status" -eq 0 ]
	[[ "${lines[2]}" =~ ^pngfile\ fsid_[0-9a-f-]{36}_at_[0-9]+\.png$ ]]
	[ -f "${lines[2]#pngfile }" ]
}

@test "not btrfs: a text file, an empty file, a FIFO, a missing file" {
	echo hello > "$BATS_TEST_TMPDIR/text"
	: > "$BATS_TEST_TMPDIR/empty"
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	fails "^ERROR: not a btrfs filesystem: $BATS_TEST_TMPDIR/text$" show "$BATS_TEST_TMPDIR/text"
	fails "^ERROR: not a btrfs filesystem: $BATS_TEST_TMPDIR/empty$" bg --all "$BATS_TEST_TMPDIR/empty"
	fails "^ERROR: not a btrfs filesystem: $BATS_TEST_TMPDIR/fifo$" show "$BATS_TEST_TMPDIR/fifo"
	fails "^ERROR: no such file or directory: $BATS_TEST_TMPDIR/none.img$" show "$BATS_TEST_TMPDIR/none.img"
	# 64 KiB of zeros and a superblock's worth more: no magic
	truncate -s 1M "$BATS_TEST_TMPDIR/zeros"
	fails "^ERROR: not a btrfs filesystem: $BATS_TEST_TMPDIR/zeros$" show "$BATS_TEST_TMPDIR/zeros"
}

@test "a truncated image: which tree block is past its end" {
	head -c 40000000 "$IMGDIR/bgt.img" > "$BATS_TEST_TMPDIR/cut.img"
	fails "^ERROR: tree block [0-9]+ of the root tree is past the end of device 1: truncated image\?$" \
		show "$BATS_TEST_TMPDIR/cut.img"
	# cut inside the superblock
	head -c 66000 "$IMGDIR/bgt.img" > "$BATS_TEST_TMPDIR/cut.img"
	fails "^ERROR: not a btrfs filesystem: " show "$BATS_TEST_TMPDIR/cut.img"
}

# phys IMG LOGICAL MIRROR: the physical address of copy MIRROR of a block.
phys() {
	btrfs-map-logical -l "$2" "$1" | awk -v m="$3" '$1 == "mirror" && $2 == m { print $6 }'
}

@test "a corrupted tree block: the other copy of DUP is read, both bad is an error" {
	local img=$BATS_TEST_TMPDIR/bad.img leaf p1 p2
	cp "$IMGDIR/bgt.img" "$img"
	leaf=$(btrfs inspect-internal dump-tree -t extent "$img" | awk '/^leaf /{ print $2; exit }')
	p1=$(phys "$img" "$leaf" 1)
	p2=$(phys "$img" "$leaf" 2)
	[ -n "$p1" ] && [ -n "$p2" ]
	printf 'XXXX' | dd of="$img" bs=1 seek=$((p1 + 200)) conv=notrunc status=none
	"$HEATMAP" bg --all -o good.png "$IMGDIR/bgt.img" > /dev/null
	"$HEATMAP" bg --all -o one.png "$img" > /dev/null
	assert_same_pixels good.png one.png
	rm good.png one.png
	printf 'XXXX' | dd of="$img" bs=1 seek=$((p2 + 200)) conv=notrunc status=none
	run --separate-stderr "$HEATMAP" bg --all -o both.png "$img"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: tree block $leaf of the extent tree: checksum mismatch" ]
	[ ! -e both.png ]
}

@test "the superblock: a flipped byte is refused, --super 1 reads the mirror" {
	local img=$BATS_TEST_TMPDIR/sb.img
	cp "$IMGDIR/bgt.img" "$img"
	printf 'X' | dd of="$img" bs=1 seek=$((65536 + 0x200)) conv=notrunc status=none
	fails "^ERROR: $img: superblock checksum mismatch$" show "$img"
	"$HEATMAP" show --super 1 -o mirror.png "$img" > /dev/null
	assert_same_pixels "$FIXTURES/ref_bgt_show.png" mirror.png
	rm mirror.png
	# a 1 GiB image has no copy at 256 GiB
	fails "^ERROR: $img: too small for superblock copy 2$" show --super 2 "$img"
	fails "^ERROR: invalid --super '3'" show --super 3 "$img"
	fails "^ERROR: --super is for image files and devices" show --super 1 /
}

@test "no --sync and no balance on an image" {
	fails "^ERROR: --sync needs a mounted filesystem, $IMGDIR/bgt.img is read as an image$" \
		show --sync "$IMGDIR/bgt.img"
	run --separate-stderr "$TOP/btrfs-balance-least-used" "$IMGDIR/bgt.img"
	[ "$status" -eq 1 ]
	[ "$stderr" = "ERROR: balancing needs a mounted filesystem, $IMGDIR/bgt.img is read as an image" ]
}

@test "every checksum type: xxhash, sha256, blake2 draw as crc32c does" {
	local csum
	mkimg "$BATS_TEST_TMPDIR/crc32c.img" 512M --csum crc32c
	"$HEATMAP" show -o crc32c.png "$BATS_TEST_TMPDIR/crc32c.img" > /dev/null
	"$HEATMAP" bg --all -o bg-crc32c.png "$BATS_TEST_TMPDIR/crc32c.img" > /dev/null
	for csum in xxhash sha256 blake2; do
		mkimg "$BATS_TEST_TMPDIR/$csum.img" 512M --csum "$csum"
		"$HEATMAP" show -o "$csum.png" "$BATS_TEST_TMPDIR/$csum.img" > /dev/null
		assert_same_pixels crc32c.png "$csum.png"
		"$HEATMAP" bg --all -o "bg-$csum.png" "$BATS_TEST_TMPDIR/$csum.img" > /dev/null
		assert_same_pixels bg-crc32c.png "bg-$csum.png"
	done
}

@test "two devices: either order; one missing is a warning while the metadata is mirrored" {
	local a=$BATS_TEST_TMPDIR/a.img b=$BATS_TEST_TMPDIR/b.img
	truncate -s 400M "$a" "$b"
	mkfs.btrfs -q -f -d single -m raid1 --rootdir "$BATS_FILE_TMPDIR/root" "$a" "$b" > /dev/null 2>&1 ||
		mkfs.btrfs -q -f -d single -m raid1 "$a" "$b" > /dev/null
	"$HEATMAP" show -o ab.png "$a" "$b" > ab.out
	"$HEATMAP" show -o ab.png "$b" "$a" > ba.out
	grep -qx "scope device 1 2" ab.out
	cmp ab.out ba.out
	run --separate-stderr "$HEATMAP" show -o one.png "$a"
	[ "$status" -eq 0 ]
	[[ "$stderr" =~ ^WARNING:\ device\ 2\ of\ [0-9a-f-]+\ is\ missing ]]
	# the picture needs only metadata: the same
	assert_same_pixels ab.png one.png
	mkdir errors && cd errors
	fails "^ERROR: $a and $a are both device 1$" show "$a" "$a"
	fails "^ERROR: $IMGDIR/bgt.img is a device of another filesystem than $a$" \
		show "$a" "$IMGDIR/bgt.img"
}

@test "two devices, metadata striped over both: the missing device is named" {
	local a=$BATS_TEST_TMPDIR/a.img b=$BATS_TEST_TMPDIR/b.img
	truncate -s 400M "$a" "$b"
	mkfs.btrfs -q -f -d raid0 -m raid0 "$a" "$b" > /dev/null
	# the chunk tree itself is on both
	fails "^ERROR: tree block [0-9]+ of the chunk tree is on device 1, which is missing$" \
		show "$b"
}

@test "btrfs-image of a filesystem, restored with -r: the original's picture" {
	local img=$BATS_TEST_TMPDIR/orig.img
	mkimg "$img" 512M --rootdir "$BATS_FILE_TMPDIR/root" 2> /dev/null ||
		mkimg "$img" 512M
	btrfs-image "$img" "$BATS_TEST_TMPDIR/dump" 2> /dev/null
	btrfs-image -r "$BATS_TEST_TMPDIR/dump" "$BATS_TEST_TMPDIR/restored.img" 2> /dev/null
	"$HEATMAP" show -o orig.png "$img" > orig.out
	"$HEATMAP" show -o restored.png "$BATS_TEST_TMPDIR/restored.img" > restored.out
	assert_same_pixels orig.png restored.png
	"$HEATMAP" bg --all -o bg-orig.png "$img" > /dev/null
	"$HEATMAP" bg --all -o bg-restored.png "$BATS_TEST_TMPDIR/restored.img" > /dev/null
	assert_same_pixels bg-orig.png bg-restored.png
}
