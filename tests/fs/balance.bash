# Helpers for the balance-least-used tests: filesystem images made once per
# test file and used through copies, one mounted at a time (the copies
# share one fsid), so that every test starts from the same block groups.

BALREF="$TOP/tests/balance-reference"

# Mount options of every copy and of the images they come from: the free
# space tree, no asynchronous discard (which holds emptied block groups
# back until it gets round to them), and no commit by the timer while a
# test looks: commits come from the relocations and the tests alone.
BALANCE_MOUNT_OPTS=space_cache=v2,nodiscard,commit=300

# balance_warm MNT: let the allocator start from the same state on every
# copy.  On a fresh mount the free space of each block group is loaded in
# the background, and an allocation meanwhile skips block groups not yet
# loaded; fstrim loads every one of them and waits for it (and trims, the
# same on every copy).  Then commit whatever the mount started.
balance_warm() {
	fstrim "$1" >/dev/null ||
		echo "fstrim $1 failed: free space caches stay cold" >&2
	btrfs filesystem sync "$1" >/dev/null
}

# balance_image NAME SIZE: the image NAME.img of a SIZE filesystem with
# real data written and three quarters of it deleted, so that its data
# block groups are partly used; no empty block group is left for the
# kernel's cleaner to remove behind a test's back.  Unmounted, detached.
balance_image() {
	local name=$1 size=$2 img dev mnt i
	img="$BATS_FILE_TMPDIR/$name.img"
	truncate -s "$size" "$img"
	dev=$(fs_attach_image "$img")
	mkfs.btrfs -q -f "$dev" >/dev/null
	mnt="$BATS_FILE_TMPDIR/$name.make"
	mkdir -p "$mnt"
	fs_mount "$dev" "$mnt" -o "$BALANCE_MOUNT_OPTS"
	mkdir "$mnt/dir"
	for i in $(seq 1 32); do
		head -c 24M /dev/urandom > "$mnt/big$i"
		head -c $((RANDOM % 20000 + 1)) /dev/urandom > "$mnt/dir/small$i"
	done
	sync
	for i in $(seq 1 32); do
		[ $((i % 4)) -eq 0 ] || rm "$mnt/big$i"
	done
	rm -f "$mnt"/dir/small1?
	btrfs filesystem sync "$mnt"
	btrfs balance start -dusage=0 "$mnt" >/dev/null
	balance_image_done "$mnt" "$dev"
}

# balance_image_done MNT DEV: unmount and detach a finished image, its
# free space trimmed so that its copies are small.
balance_image_done() {
	fstrim "$1" >/dev/null || true
	umount "$1"
	losetup -d "$2"
}

# balance_copy NAME COPY: mount a fresh copy COPY.img of image NAME, all
# copies alike (balance_warm), and print its mountpoint.
balance_copy() {
	local img="$BATS_FILE_TMPDIR/$2.img" dev mnt
	cp --sparse=always "$BATS_FILE_TMPDIR/$1.img" "$img"
	dev=$(fs_attach_image "$img")
	mnt="$BATS_FILE_TMPDIR/$2"
	mkdir -p "$mnt"
	fs_mount "$dev" "$mnt" -o "$BALANCE_MOUNT_OPTS"
	balance_warm "$mnt"
	echo "$mnt"
}

# balance_release MNT: unmount the copy at MNT, assert that btrfs check
# finds no error in it, and detach it.
balance_release() {
	local mnt=$1 dev out rc=0
	dev=$(findmnt -n -o SOURCE --target "$mnt")
	umount "$mnt"
	out=$(btrfs check --readonly "$dev" 2>&1) || rc=$?
	losetup -d "$dev"
	if [ "$rc" -ne 0 ]; then
		echo "btrfs check of $mnt: $out" >&2
		return 1
	fi
}

# checksums MNT: the sha256 of every file, by path.
checksums() {
	(cd "$1" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
}

# no_balance_running MNT: the kernel has no balance, running or paused.
no_balance_running() {
	local out
	out=$(btrfs balance status "$1" 2>&1) ||
		{ echo "balance status: $out" >&2; return 1; }
	[ "$out" = "No balance found on '$1'" ] ||
		{ echo "balance status: $out" >&2; return 1; }
}

# valid_frames DIR: every frame is a whole PNG, all of one size; prints
# how many.
valid_frames() {
	/usr/bin/python3 - "$1" <<'PY'
import glob, sys
from PIL import Image
frames = sorted(glob.glob(sys.argv[1] + '/frame-*.png'))
sizes = set()
for f in frames:
    Image.open(f).verify()
    im = Image.open(f)
    im.load()
    sizes.add(im.size)
if len(sizes) > 1:
    sys.exit("frames of several sizes: {}".format(sizes))
print(len(frames))
PY
}

# frag_image NAME: a filesystem whose one big data block group holds a
# hundred thousand extents of 4 KiB, each shared with a snapshot:
# relocating it takes seconds (7 on a loaded 2-core machine), a hundred
# times what the tests need between seeing it start and acting on it.
# The 4 GiB filesystem has data block groups of 416 MiB, room for all.
frag_image() {
	local name=$1 img dev mnt
	img="$BATS_FILE_TMPDIR/$name.img"
	truncate -s 4G "$img"
	dev=$(fs_attach_image "$img")
	mkfs.btrfs -q -f "$dev" >/dev/null
	mnt="$BATS_FILE_TMPDIR/$name.make"
	mkdir -p "$mnt"
	fs_mount "$dev" "$mnt" -o "$BALANCE_MOUNT_OPTS"
	btrfs subvolume create "$mnt/sub" >/dev/null
	/usr/bin/python3 - "$mnt/sub/frag" <<'PY'
import os, sys
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT, 0o644)
block = os.urandom(4096)
# every other block, written back, then the ones between: every block is
# an extent of its own, and no hole makes the file longer to checksum
for first in (0, 1):
    for i in range(first, 100000, 2):
        os.pwrite(fd, block, i * 4096)
    os.fsync(fd)
os.close(fd)
PY
	head -c 5M /dev/urandom > "$mnt/sub/plain"
	sync
	btrfs subvolume snapshot "$mnt/sub" "$mnt/snap" >/dev/null
	btrfs filesystem sync "$mnt"
	btrfs balance start -dusage=0 "$mnt" >/dev/null
	# what the tests rely on: nearly all of the file's 390 MiB in one
	# block group, not spread over several smaller ones
	"$BALREF" state "$mnt" | awk '$2 == 1 && $4 >= 360 * 2^20 { ok = 1 }
		END { if (!ok) { print "frag_image: no data block group holds 360 MiB" > "/dev/stderr"; exit 1 } }'
	balance_image_done "$mnt" "$dev"
}

# wait_relocating MNT [VADDR]: wait until the kernel runs a balance (of
# exactly VADDR when given), 30 seconds at most.
wait_relocating() {
	local want="is running" deadline=$((SECONDS + 30))
	[ -n "${2:-}" ] && want="vrange=$2\.\.$(($2 + 1))\$"
	while ((SECONDS < deadline)); do
		btrfs balance status -v "$1" 2>/dev/null | grep -q "$want" &&
			return 0
		sleep 0.05
	done
	echo "no balance seen in 30 seconds ($want):" >&2
	btrfs balance status -v "$1" >&2
	return 1
}

# pause_balance MNT VADDR: pause the kernel's balance of VADDR, which must
# still be running; if it is not, say why the test cannot go on.
pause_balance() {
	btrfs balance pause "$1" && return 0
	btrfs balance status -v "$1" 2>/dev/null | grep -q "vrange=$2\.\.$(($2 + 1))\$" ||
		echo "the relocation of $2 ended before it could be paused: frag_image is too quick here" >&2
	return 1
}

# balance_shim: build tests/fs/balance-shim.c, which makes the faults the
# kernel cannot be made to produce on time, into $SHIM.
balance_shim() {
	SHIM="$BATS_FILE_TMPDIR/balance-shim.so"
	cc -shared -fPIC -O2 -o "$SHIM" "$BATS_TEST_DIRNAME/balance-shim.c" -ldl
	export SHIM
}

# balance_kill_bg: end the run or balance a failing test left in the
# background ($BG_PID): a fatal signal cancels the kernel's balance too.
balance_kill_bg() {
	if [ -n "${BG_PID:-}" ] && kill -KILL "$BG_PID" 2>/dev/null; then
		wait "$BG_PID" 2>/dev/null || true
	fi
}
