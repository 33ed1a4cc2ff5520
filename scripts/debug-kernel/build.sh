#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the debug kernel of `make check-debug` from linux-source-6.1:
# allnoconfig plus rte-debug.config (the emulated ZCU102's needs, then
# lockdep, KASAN, kmemleak, debug objects, DEBUG_ATOMIC_SLEEP).  A few
# minutes on 2 cores; cached in $RTE_CACHE/debug until the config changes.
# Writes $RTE_CACHE/debug/env (KREL, KDIR, VMLINUZ) for boot.sh/build.sh.
set -euo pipefail
RTE_PROG=debug-kernel/build.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

usage() {
	cat <<EOF
usage: scripts/debug-kernel/build.sh
  Builds arch/arm64/boot/Image and the module build tree under
  \$RTE_CACHE/debug (log: \$RTE_CACHE/debug/build.log).
EOF
}

FRAGMENT=$RTE_REPO/scripts/debug-kernel/rte-debug.config
TARBALL=/usr/src/linux-source-6.1.tar.xz

# Every option the fragment sets must have survived Kconfig.
check_config() {
	local config=$1 line opt want got bad=0
	while IFS= read -r line; do
		[[ $line =~ ^(CONFIG_[A-Z0-9_]+)=(.*)$ ]] || continue
		opt=${BASH_REMATCH[1]} want=${BASH_REMATCH[2]}
		if [[ $want == n ]]; then
			grep -q "^$opt=" "$config" && got=set || got=n
		else
			got=$(grep "^$opt=" "$config" | cut -d= -f2-) || got=unset
		fi
		if [[ $got != "$want" ]]; then
			rte_warn "$opt: asked $want, Kconfig gave $got"
			bad=1
		fi
	done <"$FRAGMENT"
	return $bad
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -eq 0 ]] || rte_usage_error "no arguments expected"
	rte_need_cmd aarch64-linux-gnu-gcc make flex bison bc
	[[ -r $TARBALL ]] || rte_die "$TARBALL missing; run scripts/setup-host.sh"

	local dir=$RTE_CACHE/debug stamp krel
	local out=$dir/out src=$dir/src
	stamp=$(sha256sum <"$FRAGMENT" | cut -c1-16)-$(stat -c %s "$TARBALL")
	if [[ -r $dir/env && $(cat "$dir/stamp" 2>/dev/null) == "$stamp" ]]; then
		rte_log "debug kernel up to date ($dir)"
		return 0
	fi
	mkdir -p "$dir"
	if [[ ! -f $src/Makefile ]]; then
		rte_log "unpacking $TARBALL"
		rm -rf "$src" && mkdir -p "$src"
		tar -xf "$TARBALL" -C "$src" --strip-components=1
	fi
	rte_log "configuring (allnoconfig + ${FRAGMENT#"$RTE_REPO"/})"
	make -s -C "$src" O="$out" KCONFIG_ALLCONFIG="$FRAGMENT" allnoconfig \
		>"$dir/build.log" 2>&1 || { cat "$dir/build.log"; rte_die "configuration failed"; }
	check_config "$out/.config" || rte_die "the debug options did not all stick"
	rte_log "building Image and the module tree, $(nproc) jobs"
	SECONDS=0
	make -C "$src" O="$out" -j"$(nproc)" Image modules >>"$dir/build.log" 2>&1 ||
		{ tail -n 40 "$dir/build.log"; rte_die "build failed (log: $dir/build.log)"; }
	krel=$(cat "$out/include/config/kernel.release")
	cat >"$dir/env" <<EOF
KREL=$krel
KDIR=$out
VMLINUZ=$out/arch/arm64/boot/Image
MODDIR=
EOF
	echo "$stamp" >"$dir/stamp"
	rte_log "built $krel in ${SECONDS}s: $dir/env"
}

main "$@"
