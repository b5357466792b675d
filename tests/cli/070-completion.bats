#!/usr/bin/env bats
# Bash completion (bin/completion/btrfs-heatmap.bash), driven as bash
# drives it: COMP_WORDS and COMP_CWORD set, the function called, COMPREPLY
# read.  The options offered are those each command's --help lists, so
# that the two cannot drift apart.  Values read from a filesystem (devids,
# block group addresses, mount points) are tested in tests/fs.

load ../common

setup() {
	mkdir "$BATS_TEST_TMPDIR/cwd"
	cd "$BATS_TEST_TMPDIR/cwd"
}

# The options on the option lines of "btrfs-heatmap ARGS --help", sorted.
help_options() {
	"$HEATMAP" "$@" --help |
		sed -nE 's/^    (-[-a-z|]+)( .*)?$/\1/p' | tr '|' '\n' | sort -u
}

@test "completion: the first word is a command, help or a legacy option" {
	local cmds
	cmds=$("$HEATMAP" --help | awk '/^Commands:/ { l = 1; next }
		l && /^$/ { exit } l { print $1 }')
	[ -n "$cmds" ]
	run complete_words 1 btrfs-heatmap ''
	# btrfs mount points may follow the commands; not here
	assert_lines "$(printf '%s\nhelp\n' "$cmds" | sort)" \
		"$(grep -v '^/' <<< "$output")"
	run complete_words 1 btrfs-heatmap b
	assert_lines "$(printf 'balance-least-used\nbg\n')" "$output"
	run complete_words 2 btrfs-heatmap help ''
	assert_lines "$cmds" "$output"
	run complete_words 1 btrfs-heatmap -
	assert_lines "$( (help_options /; echo --version) | sort)" "$output"
}

@test "completion: every command offers exactly the options of its --help" {
	local cmd cmds n=0
	cmds=$("$HEATMAP" --help | awk '/^Commands:/ { l = 1; next }
		l && /^$/ { exit } l { print $1 }')
	for cmd in $cmds; do
		run help_options "$cmd"
		[ "${#lines[@]}" -ge 2 ]
		assert_lines "$output" "$(complete_words 2 btrfs-heatmap "$cmd" -)"
		# after other options and values too
		assert_lines "$(grep -- '^--' <<< "$output")" \
			"$(complete_words 4 btrfs-heatmap "$cmd" -v -q --)"
		n=$((n + 1))
	done
	[ "$n" -ge 4 ]
	# the reference's command line, after its first option
	assert_lines "$(help_options /)" \
		"$(complete_words 3 btrfs-heatmap --sort virtual -)"
	# and under the other name
	assert_lines "$(help_options balance-least-used)" \
		"$(complete_words 1 btrfs-balance-least-used -)"
}

@test "completion: option values of --sort, --curve, --type" {
	local cmd
	for cmd in show balance-least-used; do
		run complete_words 3 btrfs-heatmap "$cmd" --sort ''
		assert_lines "$(printf 'physical\nvirtual\n')" "$output"
	done
	run complete_words 2 btrfs-heatmap --sort v
	assert_lines virtual "$output"
	for cmd in show bg balance-least-used ""; do
		run complete_words 3 btrfs-heatmap $cmd --curve ''
		[ -n "$cmd" ] || run complete_words 2 btrfs-heatmap --curve ''
		assert_lines "$(printf 'hilbert\nlinear\nsnake\n')" "$output"
	done
	run complete_words 3 btrfs-heatmap bg --type ''
	assert_lines "$(printf 'any\ndata\nmetadata\nsystem\n')" "$output"
	run complete_words 2 btrfs-balance-least-used --curve s
	assert_lines snake "$output"
	# --option=value, which bash splits into --option, = and the value
	run complete_words 4 btrfs-heatmap bg --type = m
	assert_lines metadata "$output"
	run complete_words 3 btrfs-heatmap show --curve =
	assert_lines "$(printf 'hilbert\nlinear\nsnake\n')" "$output"
	# --type is bg's only
	run complete_words 3 btrfs-heatmap show --type ''
	[[ "$output" != *metadata* ]]
}

@test "completion: files for -o, directories for --frames, numbers get nothing" {
	mkdir adir
	touch afile
	run complete_words 3 btrfs-heatmap show -o a
	assert_lines "$(printf 'adir\nafile\n')" "$output"
	run complete_words 3 btrfs-heatmap show --output ''
	assert_lines "$(printf -- '-\nadir\nafile\n')" "$output"
	run complete_words 3 btrfs-heatmap balance-least-used --frames a
	assert_lines adir "$output"
	for opt in --order --size --limit --usage -u --target-unallocated; do
		run complete_words 3 btrfs-heatmap balance-least-used "$opt" ''
		assert_lines "" "$output"
	done
	run complete_words 3 btrfs-heatmap bg --newest ''
	assert_lines "" "$output"
}

@test "completion: a path, once; version takes none" {
	mkdir adir bdir
	run complete_words 2 btrfs-heatmap show a
	assert_lines adir "$output"
	run complete_words 3 btrfs-heatmap bg --all a
	assert_lines adir "$output"
	# the path is given: no second one
	run complete_words 3 btrfs-heatmap show adir b
	assert_lines "" "$output"
	run complete_words 2 btrfs-balance-least-used adir b
	assert_lines "" "$output"
	run complete_words 2 btrfs-heatmap version a
	assert_lines "" "$output"
	# but options still come after it
	run complete_words 3 btrfs-heatmap show adir --sy
	assert_lines --sync "$output"
}

@test "completion: registered for both program names" {
	run bash -c 'source "$1"; complete -p btrfs-heatmap btrfs-balance-least-used' \
		x "$TOP/bin/completion/btrfs-heatmap.bash"
	[ "$status" -eq 0 ]
	assert_lines "$(printf 'complete -F _btrfs_heatmap btrfs-heatmap\ncomplete -F _btrfs_heatmap btrfs-balance-least-used\n')" "$output"
}

@test "completion: film takes a folder and --video a file" {
	mkdir pictures
	touch pictures.txt
	run complete_words 2 btrfs-heatmap film p
	assert_lines pictures "$output"
	run complete_words 3 btrfs-heatmap film --video p
	assert_lines "$(printf 'pictures\npictures.txt\n')" "$output"
}

@test "completion: --format, after the command and before it" {
	local cmd
	for cmd in show bg diff; do
		run complete_words 3 btrfs-heatmap "$cmd" --format ''
		assert_lines "$(printf 'json\ntext\n')" "$output"
	done
	run complete_words 2 btrfs-heatmap --format ''
	assert_lines "$(printf 'json\ntext\n')" "$output"
	run complete_words 3 btrfs-heatmap --format json s
	assert_lines show "$output"
	run complete_words 4 btrfs-heatmap --format json bg --n
	assert_lines --newest "$output"
}
