#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build the sh4 test kernel for QEMU's r2d board (SH7751R) from Debian's
# linux-source-6.1 with Debian's cross compiler gcc-sh4-linux-gnu 12.2:
# rts7751r2dplus_defconfig + r2d.config, with the patches here:
#   0001  leaves TMU3/TMU4 (0xfe100000) to rt_eval_tmu instead of sh_tmu;
#   0002  a GCC plugin that turns off the sh_treg_combine passes, which
#         Debian's gcc-sh4 12.2 miscompiles with (see the patch);
#   0003  swaps INTMSK00/INTMSKCLR00 to match QEMU 7.2's INTC, so that
#         TMU3/TMU4 interrupts get through (QEMU only).
# 10-16 minutes on 2 cores.  Cached in CACHE_DIR (default
# $RTE_CACHE/sh4) until one of its inputs changes: the linux-source and
# compiler versions, r2d.config, the patches, this script.
# Writes CACHE_DIR/env: KREL, KDIR (the O= tree, for M= module builds),
# ZIMAGE, GEN_INIT_CPIO, PLUGIN.
set -euo pipefail
RTE_PROG=sh4/build-kernel.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
export ARCH=sh CROSS_COMPILE=sh4-linux-gnu-

usage() {
	cat <<EOF
usage: scripts/sh4/build-kernel.sh [CACHE_DIR]
  Builds arch/sh/boot/zImage and the module build tree of the sh4 r2d
  test kernel in CACHE_DIR (default \$RTE_CACHE/sh4; log: build.log
  there) and writes CACHE_DIR/env.
  Needs: gcc-sh4-linux-gnu gcc-12-plugin-dev-sh4-linux-gnu g++ make flex
  bison bc linux-source-6.1.
EOF
}

HERE=$RTE_REPO/scripts/sh4
FRAGMENT=$HERE/r2d.config
PATCHES=("$HERE"/0*.patch)
SERIES=6.1
TARBALL=/usr/src/linux-source-$SERIES.tar.xz
PLUGIN_REL=scripts/gcc-plugins/sh_no_treg_combine_plugin.so

# Every option the fragment sets (or unsets) must have survived Kconfig.
check_config() {
	local config=$1 line opt want got bad=0
	while IFS= read -r line; do
		if [[ $line =~ ^(CONFIG_[A-Z0-9_]+)=(.*)$ ]]; then
			opt=${BASH_REMATCH[1]} want=${BASH_REMATCH[2]}
		elif [[ $line =~ ^#\ (CONFIG_[A-Z0-9_]+)\ is\ not\ set$ ]]; then
			opt=${BASH_REMATCH[1]} want=n
		else
			continue
		fi
		got=$(grep "^$opt=" "$config" | cut -d= -f2-) || got=n
		if [[ $got != "$want" ]]; then
			rte_warn "$opt: asked $want, Kconfig gave $got"
			bad=1
		fi
	done <"$FRAGMENT"
	return $bad
}

# The cache key: everything the kernel is built from.
input_stamp() {
	local src gcc
	src=$(dpkg-query -W -f='${Version}' "linux-source-$SERIES" 2>/dev/null) || src=unknown
	gcc=$(dpkg-query -W -f='${Version}' gcc-12-sh4-linux-gnu 2>/dev/null) || gcc=unknown
	{
		echo "linux-source-$SERIES $src $(stat -c %s "$TARBALL")"
		echo "gcc-12-sh4-linux-gnu $gcc $("${CROSS_COMPILE}gcc" -dumpfullversion)"
		sha256sum "$FRAGMENT" "${PATCHES[@]}" "$0" | cut -d' ' -f1
	} | sha256sum | cut -c1-16
}

# probe_compiler [PLUGIN]: does gcc keep the test in "if (!*p) f();"?
# Prints "ok" or "drops-test".
probe_compiler() {
	local asm
	asm=$(printf '%s\n' 'extern int *p; void f(void);' \
		'void g(void) { if (!*p) f(); }' |
		"${CROSS_COMPILE}gcc" ${1:+"-fplugin=$1"} -O2 -ml -m4-nofpu \
			-S -o - -x c -) || rte_die "${CROSS_COMPILE}gcc cannot compile the probe"
	if grep -qE '^[[:space:]]tst[[:space:]]' <<<"$asm"; then
		echo ok
	else
		echo drops-test
	fi
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -le 1 ]] || rte_usage_error "one argument at most"
	local dir=${1:-$RTE_CACHE/sh4}
	rte_need_cmd "${CROSS_COMPILE}gcc" g++ make flex bison bc patch
	[[ -r $TARBALL ]] || rte_die "$TARBALL missing; apt-get install linux-source-$SERIES"
	[[ -r $("${CROSS_COMPILE}gcc" -print-file-name=plugin)/include/plugin-version.h ]] ||
		rte_die "no GCC plugin headers; apt-get install gcc-12-plugin-dev-sh4-linux-gnu"

	local stamp krel out=$dir/out src=$dir/src log=$dir/build.log
	stamp=$(input_stamp)
	if [[ -r $dir/env && $(cat "$dir/stamp" 2>/dev/null) == "$stamp" ]]; then
		rte_log "sh4 r2d kernel up to date ($dir, key $stamp)"
		return 0
	fi
	mkdir -p "$dir"
	rm -f "$dir/env" "$dir/stamp"
	rte_log "unpacking $TARBALL"
	rm -rf "$src" "$out"
	mkdir -p "$src" "$out"
	tar -xJf "$TARBALL" -C "$src" --strip-components=1
	local p
	for p in "${PATCHES[@]}"; do
		rte_log "applying ${p#"$RTE_REPO"/}"
		patch -d "$src" -p1 -s --no-backup-if-mismatch <"$p" ||
			rte_die "${p##*/} does not apply"
	done

	rte_log "configuring (rts7751r2dplus_defconfig + ${FRAGMENT#"$RTE_REPO"/})"
	{
		"$src/scripts/kconfig/merge_config.sh" -m -O "$out" \
			"$src/arch/sh/configs/rts7751r2dplus_defconfig" "$FRAGMENT" &&
			make -C "$src" O="$out" olddefconfig
	} >"$log" 2>&1 || { cat "$log"; rte_die "configuration failed"; }
	check_config "$out/.config" || rte_die "r2d.config did not all stick (see above)"

	rte_log "building zImage and the module tree, 2 jobs"
	SECONDS=0
	make -C "$src" O="$out" -j2 zImage modules >>"$log" 2>&1 ||
		{ tail -n 40 "$log"; rte_die "build failed (log: $log)"; }
	krel=$(cat "$out/include/config/kernel.release")
	[[ -r $out/$PLUGIN_REL ]] || rte_die "$out/$PLUGIN_REL was not built"

	# The workaround must be what makes the difference.
	local without with
	without=$(probe_compiler)
	with=$(probe_compiler "$out/$PLUGIN_REL")
	[[ $with == ok ]] || rte_die "the plugin does not keep the test in the probe"
	if [[ $without == ok ]]; then
		rte_log "note: this ${CROSS_COMPILE}gcc keeps the test without the plugin too"
	else
		rte_log "${CROSS_COMPILE}gcc drops the test without the plugin (known bug); plugin ok"
	fi

	cat >"$dir/env" <<EOF
KREL=$krel
KDIR=$out
ZIMAGE=$out/arch/sh/boot/zImage
GEN_INIT_CPIO=$out/usr/gen_init_cpio
PLUGIN=$out/$PLUGIN_REL
EOF
	echo "$stamp" >"$dir/stamp"
	rte_log "built $krel in ${SECONDS}s: $dir/env"
}

main "$@"
