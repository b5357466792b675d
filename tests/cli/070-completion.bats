#!/usr/bin/env bats
# Bash completion (bin/completion/btrfs-heatmap.bash), driven as bash
# drives it: COMP_WORDS and COMP_CWORD set, the function called, COMPREPLY
# read.  The options offered are those each command's --help lists, so
# that the two cannot drift apart.  Values read from a filesystem (devids,
# block group addresses, mount points) are tested in tests/fs.

load ../common

COMPLETION="$TOP/bin/completion/btrfs-heatmap.bash"

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# complete CWORD WORDS...: the candidates for word number CWORD of WORDS,
# one per line, sorted.
complete_words() {
	bash -c 'source "$1" || exit 1
		COMP_CWORD=$2
		shift 2
		COMP_WORDS=("$@")
		_btrfs_heatmap || exit 1
		[ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' \
		complete "$COMPLETION" "$@" | sort
}

# The options on the option lines of "btrfs-heatmap ARGS --help", sorted.
help_options() {
	"$HEATMAP" "$@" --help |
		sed -nE 's/^    (-[-a-z|]+)( .*)?$/\1/p' | tr '|' '\n' | sort -u
}

# assert_words WANT GOT: the same lines, else both are shown.
assert_words() {
	if [ "$1" != "$2" ]; then
		echo "want:" >&2; echo "$1" >&2
		echo "got:" >&2; echo "$2" >&2
		return 1
	fi
}

@test "completion: the first word is a command, help or a legacy option" {
	local cmds
	cmds=$("$HEATMAP" --help | awk '/^Commands:/ { l = 1; next }
		l && /^$/ { exit } l { print $1 }')
	[ -n "$cmds" ]
	run complete_words 1 btrfs-heatmap ''
	# btrfs mount points may follow the commands; not here
	assert_words "$(printf '%s\nhelp\n' "$cmds" | sort)" \
		"$(grep -v '^/' <<< "$output")"
	run complete_words 1 btrfs-heatmap b
	assert_words "$(printf 'balance-least-used\nbg\n')" "$output"
	run complete_words 2 btrfs-heatmap help ''
	assert_words "$cmds" "$output"
	run complete_words 1 btrfs-heatmap -
	assert_words "$( (help_options /; echo --version) | sort)" "$output"
}

@test "completion: every command offers exactly the options of its --help" {
	local cmd cmds n=0
	cmds=$("$HEATMAP" --help | awk '/^Commands:/ { l = 1; next }
		l && /^$/ { exit } l { print $1 }')
	for cmd in $cmds; do
		run help_options "$cmd"
		[ "${#lines[@]}" -ge 2 ]
		assert_words "$output" "$(complete_words 2 btrfs-heatmap "$cmd" -)"
		# after other options and values too
		assert_words "$(grep -- '^--' <<< "$output")" \
			"$(complete_words 4 btrfs-heatmap "$cmd" -v -q --)"
		n=$((n + 1))
	done
	[ "$n" -ge 4 ]
	# the reference's command line, after its first option
	assert_words "$(help_options /)" \
		"$(complete_words 3 btrfs-heatmap --sort virtual -)"
	# and under the other name
	assert_words "$(help_options balance-least-used)" \
		"$(complete_words 1 btrfs-balance-least-used -)"
}

@test "completion: option values of --sort, --curve, --type" {
	local cmd
	for cmd in show balance-least-used; do
		run complete_words 3 btrfs-heatmap "$cmd" --sort ''
		assert_words "$(printf 'physical\nvirtual\n')" "$output"
	done
	run complete_words 2 btrfs-heatmap --sort v
	assert_words virtual "$output"
	for cmd in show bg balance-least-used ""; do
		run complete_words 3 btrfs-heatmap $cmd --curve ''
		[ -n "$cmd" ] || run complete_words 2 btrfs-heatmap --curve ''
		assert_words "$(printf 'hilbert\nlinear\nsnake\n')" "$output"
	done
	run complete_words 3 btrfs-heatmap bg --type ''
	assert_words "$(printf 'any\ndata\nmetadata\nsystem\n')" "$output"
	run complete_words 2 btrfs-balance-least-used --curve s
	assert_words snake "$output"
	# --option=value, which bash splits into --option, = and the value
	run complete_words 4 btrfs-heatmap bg --type = m
	assert_words metadata "$output"
	run complete_words 3 btrfs-heatmap show --curve =
	assert_words "$(printf 'hilbert\nlinear\nsnake\n')" "$output"
	# --type is bg's only
	run complete_words 3 btrfs-heatmap show --type ''
	[[ "$output" != *metadata* ]]
}

@test "completion: files for -o, directories for --frames, numbers get nothing" {
	mkdir adir
	touch afile
	run complete_words 3 btrfs-heatmap show -o a
	assert_words "$(printf 'adir\nafile\n')" "$output"
	run complete_words 3 btrfs-heatmap show --output ''
	assert_words "$(printf -- '-\nadir\nafile\n')" "$output"
	run complete_words 3 btrfs-heatmap balance-least-used --frames a
	assert_words adir "$output"
	for opt in --order --size --limit --usage -u --target-unallocated; do
		run complete_words 3 btrfs-heatmap balance-least-used "$opt" ''
		assert_words "" "$output"
	done
	run complete_words 3 btrfs-heatmap bg --newest ''
	assert_words "" "$output"
}

@test "completion: a path, once; version takes none" {
	mkdir adir bdir
	run complete_words 2 btrfs-heatmap show a
	assert_words adir "$output"
	run complete_words 3 btrfs-heatmap bg --all a
	assert_words adir "$output"
	# the path is given: no second one
	run complete_words 3 btrfs-heatmap show adir b
	assert_words "" "$output"
	run complete_words 2 btrfs-balance-least-used adir b
	assert_words "" "$output"
	run complete_words 2 btrfs-heatmap version a
	assert_words "" "$output"
	# but options still come after it
	run complete_words 3 btrfs-heatmap show adir --sy
	assert_words --sync "$output"
}

@test "completion: registered for both program names" {
	run bash -c 'source "$1"; complete -p btrfs-heatmap btrfs-balance-least-used' \
		x "$COMPLETION"
	[ "$status" -eq 0 ]
	assert_words "$(printf 'complete -F _btrfs_heatmap btrfs-heatmap\ncomplete -F _btrfs_heatmap btrfs-balance-least-used\n')" "$output"
}
