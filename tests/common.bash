# Shared helpers for the bats tests: the binaries, the reference tools, and
# btrfs filesystems on loop devices that are always torn down.
#
# Every loop device and mount a test file makes is recorded in
# $BATS_FILE_TMPDIR and removed by fs_teardown_all, which each test file
# calls from teardown_file, whether its tests passed or not.

bats_require_minimum_version 1.5.0

TOP="$(cd "$BATS_TEST_DIRNAME/../.." && pwd)"
# HEATMAP and BALANCE_LINK from the environment test another build of the
# same sources (make check-asan: the sanitizer one).
HEATMAP="${HEATMAP:-$TOP/btrfs-heatmap}"
BALANCE_LINK="${BALANCE_LINK:-$TOP/btrfs-balance-least-used}"
REF_HEATMAP=/usr/bin/btrfs-heatmap
REF_BALANCE=/usr/bin/btrfs-balance-least-used
PNGCMP="$TOP/tests/pngcmp"
FIXTURES="$TOP/tests/fixtures"

# Pictures a test keeps for a person to look at (a screenshot of a page):
# tests/artifacts/ (git ignores it) unless ARTIFACTS_DIR says elsewhere.
ARTIFACTS="${ARTIFACTS_DIR:-$TOP/tests/artifacts}"

# keep_artifact FILE NAME: a copy of FILE kept after the run as
# $ARTIFACTS/NAME.
keep_artifact() {
	mkdir -p "$ARTIFACTS" && cp "$1" "$ARTIFACTS/$2"
}

# chrome ARGS...: headless Chromium on a page of ours, with a profile of
# its own in the test's directory, no network, no sync; its messages go
# to the test's chromium.log, and it gives up after two minutes.
chrome() {
	timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$BATS_TEST_TMPDIR/chromium-profile" \
		--virtual-time-budget=5000 "$@" 2>>"$BATS_TEST_TMPDIR/chromium.log"
}

# Skipping is for a user without root; in CI (CI=true) it is a failure.
skip_or_fail() {
	if [ "${CI:-}" = true ]; then
		echo "CI cannot skip: $*" >&2
		return 1
	fi
	skip "$*"
}

# Tests on real filesystems need root, loop devices and btrfs.
require_loop_root() {
	[ "$(id -u)" = 0 ] || skip_or_fail "needs root"
	command -v losetup >/dev/null && command -v mkfs.btrfs >/dev/null ||
		skip_or_fail "needs util-linux and btrfs-progs"
	[ -e /dev/loop-control ] || skip_or_fail "needs loop devices"
}

# fs_images NAME SIZE COUNT: make COUNT sparse images NAME.N of SIZE and a
# loop device for each; print the devices, one per line.
fs_images() {
	local name=$1 size=$2 count=$3 i img dev
	for ((i = 1; i <= count; i++)); do
		img="$BATS_FILE_TMPDIR/$name.$i.img"
		truncate -s "$size" "$img"
		dev=$(losetup --find --show "$img")
		echo "$dev" >> "$BATS_FILE_TMPDIR/loops"
		echo "$dev"
	done
}

# fs_make NAME "SIZE [SIZE...]" [mkfs.btrfs options...]: make a filesystem
# over loop devices of the given sizes, mount it at $BATS_FILE_TMPDIR/NAME
# and print the mountpoint.
fs_make() {
	local name=$1 sizes=$2 devs=() size dev mnt
	shift 2
	for size in $sizes; do
		dev=$(fs_images "$name.$((${#devs[@]} + 1))" "$size" 1)
		devs+=("$dev")
	done
	mkfs.btrfs -q -f "$@" "${devs[@]}" >/dev/null
	mnt="$BATS_FILE_TMPDIR/$name"
	mkdir -p "$mnt"
	fs_mount "${devs[0]}" "$mnt"
	echo "$mnt"
}

# fs_mount DEV MNT [mount options]: mount and record it for teardown.
fs_mount() {
	local dev=$1 mnt=$2
	shift 2
	btrfs device scan >/dev/null 2>&1 || true
	mount "$@" "$dev" "$mnt"
	echo "$mnt" >> "$BATS_FILE_TMPDIR/mounts"
}

# fs_attach_image IMG [losetup options]: a loop device for an existing
# image, recorded for teardown; prints the device.
fs_attach_image() {
	local img=$1 dev
	shift
	dev=$(losetup --find --show "$@" "$img")
	echo "$dev" >> "$BATS_FILE_TMPDIR/loops"
	echo "$dev"
}

# fs_unmount MNT: unmount one filesystem made here (it stays recorded;
# teardown skips what is no longer mounted).
fs_unmount() {
	umount "$1"
}

# fs_loop_is_ours DEV: DEV is still attached to an image of this test file.
# A test may detach its device itself; the number can then go to someone
# else's image, which teardown must leave alone.
fs_loop_is_ours() {
	local f dir
	f=$(cat "/sys/block/${1#/dev/}/loop/backing_file" 2>/dev/null) || return 1
	dir=$(realpath -m "$BATS_FILE_TMPDIR")
	[[ "$f" == "$dir/"* ]]
}

# Remove every mount and loop device this test file made, newest first.
fs_teardown_all() {
	local m d
	if [ -f "$BATS_FILE_TMPDIR/mounts" ]; then
		tac "$BATS_FILE_TMPDIR/mounts" | while read -r m; do
			mountpoint -q "$m" && { umount "$m" || umount -l "$m"; }
		done
		rm -f "$BATS_FILE_TMPDIR/mounts"
	fi
	if [ -f "$BATS_FILE_TMPDIR/loops" ]; then
		tac "$BATS_FILE_TMPDIR/loops" | while read -r d; do
			if fs_loop_is_ours "$d"; then
				losetup -d "$d" 2>/dev/null || true
			fi
		done
		rm -f "$BATS_FILE_TMPDIR/loops"
	fi
	rm -f "$BATS_FILE_TMPDIR"/*.img
}

# freeze MNT: commit, then remount read-only, so that nothing changes the
# filesystem between the reference's run and ours: on a writable one the
# kernel removes emptied block groups in the background and the next
# commit moves tree blocks.  Empty block groups not yet removed stay, the
# same for both.
freeze() {
	btrfs filesystem sync "$1" >/dev/null
	mount -o remount,ro "$1"
}

# fill_files MNT: some data and small files, then delete part of it, so
# that block groups are partly used.
fill_files() {
	local mnt=$1 i
	mkdir -p "$mnt/small"
	dd if=/dev/urandom of="$mnt/big1" bs=1M count=200 status=none
	dd if=/dev/zero of="$mnt/big2" bs=1M count=150 status=none
	for i in $(seq 1 300); do
		head -c $((RANDOM * 3)) /dev/urandom > "$mnt/small/f$i"
	done
	sync
	rm -f "$mnt/big1"
	rm -f "$mnt"/small/f1?
	btrfs filesystem sync "$mnt" >/dev/null
}

# assert_same_pixels EXPECTED ACTUAL: the two pictures match exactly.
assert_same_pixels() {
	run "$PNGCMP" "$1" "$2"
	if [ "$status" -ne 0 ]; then
		echo "pictures differ: $1 $2" >&2
		echo "$output" >&2
		return 1
	fi
}

# assert_lines WANT GOT: the same text, else both are shown.
assert_lines() {
	if [ "$1" != "$2" ]; then
		echo "want:" >&2; echo "$1" >&2
		echo "got:" >&2; echo "$2" >&2
		return 1
	fi
}

# complete_words CWORD WORDS...: the bash completion candidates for word
# number CWORD of the command line WORDS, one per line, sorted, as bash
# gets them from bin/completion/btrfs-heatmap.bash.
complete_words() {
	bash -c 'source "$1" || exit 1
		COMP_CWORD=$2
		shift 2
		COMP_WORDS=("$@")
		_btrfs_heatmap || exit 1
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
		complete "$TOP/bin/completion/btrfs-heatmap.bash" "$@" | sort
}
