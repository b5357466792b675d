# bash completion for btrfs-heatmap and btrfs-balance-least-used
# SPDX-License-Identifier: MIT
#
# Commands, options and their values; device ids and block group addresses
# are read from the filesystem of the path on the command line (/ when
# there is none) by a show run that draws one pixel into /dev/null, which
# reads what a show reads and changes nothing.  Without root it offers none.

_btrfs_heatmap_picture_opts='--curve --order --size -o --output -v --verbose
	-q --quiet --sync --super -h --help'
_btrfs_heatmap_show_opts="--sort --device --no-scan --format $_btrfs_heatmap_picture_opts"
_btrfs_heatmap_diff_opts='-o --output --format --side-by-side --force --exit-code -v
	--verbose -q --quiet -h --help'
_btrfs_heatmap_bg_opts="--vaddr --newest --oldest --least-used --all --type
	--format $_btrfs_heatmap_picture_opts"
_btrfs_heatmap_balance_opts='-u --usage --limit --target-unallocated
	--dry-run --metadata --frames --sort --curve --order --size -v --verbose
	-q --quiet -h --help --only-gain --devid --exclude-devid --pause --max-time
	--format'
_btrfs_heatmap_film_opts='--video -q --quiet -h --help'
_btrfs_heatmap_version_opts='-h --help'
# The command line of btrfs-heatmap 9.
_btrfs_heatmap_legacy_opts='--sort --blockgroup --curve --order --size -o
	--output -v --verbose -q --quiet -h --help'
_btrfs_heatmap_commands='balance-least-used bg diff film show version help'
# Options followed by a value, in any command.
_btrfs_heatmap_value_opts='--sort --device --curve --order --size -o --output --format
	--vaddr --newest --oldest --least-used --type -u --usage --limit
	--target-unallocated --frames --blockgroup --devid --exclude-devid
	--pause --max-time --super --video'

# Print the mount points of btrfs filesystems, one per line.
_btrfs_heatmap_mounts()
{
	local IFS=$' \t\n' dev mnt fstype rest

	while read -r dev mnt fstype rest; do
		# /proc/self/mounts escapes space, tab, newline and backslash in octal
		[ "$fstype" = btrfs ] && printf '%b\n' "$mnt"
	done < /proc/self/mounts
}

# Print the devids of the filesystem at $1.
_btrfs_heatmap_devids()
{
	"$_btrfs_heatmap_prog" show --order 0 --size 0 -o /dev/null -- "$1" \
		2>/dev/null | sed -n '1s/^scope device //p' | tr ' ' '\n'
}

# Print the block group addresses of the filesystem at $1.
_btrfs_heatmap_vaddrs()
{
	"$_btrfs_heatmap_prog" show --sort virtual -vv --order 0 --size 0 \
		-o /dev/null -- "$1" 2>/dev/null |
		sed -n 's/^block group vaddr \([0-9]*\) .*/\1/p'
}

# Set COMPREPLY to the words of $1 that start with $cur.
_btrfs_heatmap_words()
{
	local IFS=$' \t\n'

	COMPREPLY=($(compgen -W "$1" -- "$cur"))
}

# Add paths: the btrfs mount points, and directories once a word is begun.
_btrfs_heatmap_paths()
{
	local IFS=$'\n' m

	compopt -o filenames 2>/dev/null
	while read -r m; do
		[[ "$m" == "$cur"* ]] && COMPREPLY+=("$m")
	done < <(_btrfs_heatmap_mounts)
	[ -n "$cur" ] && COMPREPLY+=($(compgen -d -- "$cur"))
}

# Set COMPREPLY to the values of option $1 that start with $cur; $2 is the
# path of the filesystem.
_btrfs_heatmap_values()
{
	local IFS=$'\n'

	case $1 in
	--sort)
		_btrfs_heatmap_words 'physical virtual' ;;
	--curve)
		_btrfs_heatmap_words 'hilbert linear snake' ;;
	--type)
		_btrfs_heatmap_words 'data metadata system any' ;;
	--super)
		_btrfs_heatmap_words '0 1 2' ;;
	--format)
		_btrfs_heatmap_words 'text json' ;;
	--device|--devid|--exclude-devid)
		COMPREPLY=($(compgen -W "$(_btrfs_heatmap_devids "$2")" -- "$cur")) ;;
	--vaddr|--blockgroup)
		COMPREPLY=($(compgen -W "$(_btrfs_heatmap_vaddrs "$2")" -- "$cur")) ;;
	-o|--output)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		[[ "-" == "$cur"* ]] && COMPREPLY+=(-) ;;
	--frames)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur")) ;;
	--video)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur")) ;;
	*)
		# a number or a size: nothing to offer
		COMPREPLY=() ;;
	esac
}

_btrfs_heatmap()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev= opts cmd first=1 i w
	local path= have_path=
	local _btrfs_heatmap_prog=${COMP_WORDS[0]}

	COMPREPLY=()
	if [ "$COMP_CWORD" -gt 0 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi
	# --opt=value: bash splits it at the '=' into three words
	if [ "$cur" = = ]; then
		cur=
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -gt 1 ]; then
		prev=${COMP_WORDS[COMP_CWORD - 2]}
	fi

	case ${_btrfs_heatmap_prog##*/} in
	btrfs-balance-least-used)
		cmd=balance-least-used
		_btrfs_heatmap_prog=btrfs-heatmap ;;
	*)
		cmd=${COMP_WORDS[1]-}
		first=2
		# btrfs-progs' global --format before the command
		if [ "$cmd" = --format ] && [ "$COMP_CWORD" -ge 2 ]; then
			if [ "$COMP_CWORD" -eq 2 ]; then
				_btrfs_heatmap_words 'text json'
				return 0
			fi
			if [ "$COMP_CWORD" -eq 3 ]; then
				_btrfs_heatmap_words 'bg show balance-least-used'
				return 0
			fi
			cmd=${COMP_WORDS[3]-}
			first=4
		fi
		if [ "$COMP_CWORD" -eq 1 ]; then
			if [[ "$cur" == -* ]]; then
				_btrfs_heatmap_words "$_btrfs_heatmap_legacy_opts --version"
			else
				_btrfs_heatmap_words "$_btrfs_heatmap_commands"
				_btrfs_heatmap_paths
			fi
			return 0
		fi
		case $cmd in
		show|bg|diff|film|balance-least-used|version) ;;
		help)
			[ "$COMP_CWORD" -eq 2 ] &&
				_btrfs_heatmap_words "${_btrfs_heatmap_commands% help}"
			return 0 ;;
		*)
			cmd=legacy
			first=1 ;;
		esac ;;
	esac
	case $cmd in
	show) opts=$_btrfs_heatmap_show_opts ;;
	bg) opts=$_btrfs_heatmap_bg_opts ;;
	diff) opts=$_btrfs_heatmap_diff_opts ;;
	film) opts=$_btrfs_heatmap_film_opts ;;
	balance-least-used) opts=$_btrfs_heatmap_balance_opts ;;
	version) opts=$_btrfs_heatmap_version_opts ;;
	*) opts=$_btrfs_heatmap_legacy_opts ;;
	esac

	# The path: the first word that is neither an option nor its value.
	for ((i = first; i < ${#COMP_WORDS[@]}; i++)); do
		w=${COMP_WORDS[i]}
		if [[ "$w" == -* ]]; then
			[[ " "$_btrfs_heatmap_value_opts" " == *[[:space:]]"$w"[[:space:]]* ]] &&
				i=$((i + 1))
			[ "${COMP_WORDS[i + 1]-}" = = ] && i=$((i + 2))
			continue
		fi
		[ "$i" -eq "$COMP_CWORD" ] && continue
		if [ -z "$have_path" ]; then
			path=$w
			have_path=1
			[ "$i" -lt "$COMP_CWORD" ] && have_path=before
		fi
	done

	if [[ " "$_btrfs_heatmap_value_opts" " == *[[:space:]]"$prev"[[:space:]]* ]] &&
	   [[ " "$opts" " == *[[:space:]]"$prev"[[:space:]]* ]]; then
		_btrfs_heatmap_values "$prev" "${path:-/}"
		return 0
	fi
	if [[ "$cur" == -* ]]; then
		_btrfs_heatmap_words "$opts"
	elif [ "$cmd" = film ] && [ "$have_path" != before ]; then
		# a folder of pictures, not a filesystem
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
	elif [ "$cmd" != version ] && [ "$have_path" != before ]; then
		_btrfs_heatmap_paths
	fi
	return 0
}

complete -F _btrfs_heatmap btrfs-heatmap btrfs-balance-least-used
