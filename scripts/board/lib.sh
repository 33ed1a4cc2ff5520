# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# Shared helpers for scripts/setup-host.sh and scripts/board/*.sh.
# Source it; do not run it. The caller sets RTE_PROG (used in messages)
# and defines usage() (printed on bad arguments).
#
# Cache layout (RTE_CACHE, default ${XDG_CACHE_HOME:-$HOME/.cache}/rt_eval_tmu):
#   pkg/<package>_<version>/   one `dpkg -x` of each Debian package
#   <flavour>/env              KREL=, KDIR=, VMLINUZ=, MODDIR= of a flavour
#   env-common                 LINUX_SRC=, BUSYBOX=, XEN=
#   linux-source/              the few pieces of linux-source we use

RTE_CACHE=${RTE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/rt_eval_tmu}
RTE_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RTE_BUILD=${RTE_BUILD:-$RTE_REPO/build/board}
RTE_PROG=${RTE_PROG:-$(basename "$0")}
# shellcheck disable=SC2034 # used by the scripts that source this
RTE_FLAVOURS=(std rt)
export ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu-

rte_log()  { printf '%s: %s\n' "$RTE_PROG" "$*" >&2; }
rte_warn() { rte_log "warning: $*"; }
rte_die()  { rte_log "error: $*"; exit 1; }

# Bad command line: say why, show the usage text, exit 2.
rte_usage_error() {
	rte_log "$*"
	usage >&2
	exit 2
}

# rte_need_cmd CMD... : fail naming the missing tools and the fix.
rte_need_cmd() {
	local c missing=()
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || missing+=("$c")
	done
	[[ ${#missing[@]} -eq 0 ]] ||
		rte_die "missing tool(s): ${missing[*]}; run scripts/setup-host.sh (as root)"
}

# Debian package-name suffix of a flavour: std -> arm64, rt -> rt-arm64.
rte_flavour_suffix() {
	case $1 in
	std) echo arm64 ;;
	rt)  echo rt-arm64 ;;
	*)   return 1 ;;
	esac
}

rte_is_flavour() { rte_flavour_suffix "$1" >/dev/null 2>&1; }

# A kernel the board boots: a Debian flavour, or the debug kernel that
# scripts/debug-kernel/build.sh builds (lockdep, KASAN, kmemleak).
rte_is_kernel() { rte_is_flavour "$1" || [[ $1 == debug ]]; }

# rte_source_env FILE [FLAVOUR]: source an env file written by fetch.sh.
rte_source_env() {
	[[ -r $1 ]] || rte_die "$1 not found; run scripts/board/fetch.sh${2:+ $2}"
	# shellcheck disable=SC1090
	. "$1"
}

# rte_load_env FLAVOUR: KREL, KDIR, VMLINUZ, MODDIR + LINUX_SRC, BUSYBOX, XEN.
rte_load_env() {
	rte_source_env "$RTE_CACHE/$1/env" "$1"
	rte_source_env "$RTE_CACHE/env-common" "$1"
}

# rte_human BYTES: 1.2M-style size.
rte_human() { numfmt --to=iec --suffix=B "$1"; }

# rte_du PATH: size of a file or tree, human readable.
rte_du() { rte_human "$(du -sb "$1" | cut -f1)"; }

# rte_apt_source PKG DIR: Debian's source package PKG, downloaded (not
# unpacked) into DIR/src through a scratch apt configuration in DIR/apt:
# deb-src twins of the machine's own apt sources with lists of their own,
# so that the system's apt state is left alone.  Log: DIR/apt.log.
rte_apt_source() {
	local pkg=$1 dir=$2 apt=$2/apt f
	rm -rf "$apt" "$dir/src"
	mkdir -p "$apt/parts" "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/src"
	for f in /etc/apt/sources.list.d/*.sources; do
		[[ -r $f ]] || continue
		sed -E 's/^Types:.*/Types: deb-src/' "$f" >"$apt/parts/${f##*/}"
	done
	: >"$apt/sources.list"
	if [[ -r /etc/apt/sources.list ]]; then
		sed -nE 's/^deb[[:space:]]+/deb-src /p' /etc/apt/sources.list >"$apt/sources.list"
	fi
	local opts=(-o "Dir::Etc::SourceList=$apt/sources.list"
		-o "Dir::Etc::SourceParts=$apt/parts"
		-o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
		-o APT::Sandbox::User=root -q)
	apt-get "${opts[@]}" update >"$dir/apt.log" 2>&1 ||
		{ cat "$dir/apt.log"; rte_die "apt-get update (deb-src) failed"; }
	(cd "$dir/src" && apt-get "${opts[@]}" source --download-only "$pkg") \
		>>"$dir/apt.log" 2>&1 ||
		{ cat "$dir/apt.log"; rte_die "apt-get source $pkg failed"; }
}

# rte_sh4_stamp FILE...: a cache key (16 hex digits) of Debian's gcc-sh4
# (package and compiler version), the lines on stdin and FILEs' contents.
rte_sh4_stamp() {
	local gcc
	gcc=$(dpkg-query -W -f='${Version}' gcc-12-sh4-linux-gnu 2>/dev/null) || gcc=unknown
	{
		echo "gcc-12-sh4-linux-gnu $gcc $(sh4-linux-gnu-gcc -dumpfullversion)"
		cat
		sha256sum "$@" | cut -d' ' -f1
	} | sha256sum | cut -c1-16
}
