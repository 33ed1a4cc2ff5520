#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a static musl libc for the sh4 userland of the r2d tests, from
# Debian 12's musl source package, with Debian's gcc-sh4 and the
# workaround plugin of build-kernel.sh (0002): Debian's own sh4 glibc is
# miscompiled (README.md), musl built here is not.
#
# The source comes with "apt-get source" through a scratch apt
# configuration (rte_apt_source, scripts/board/lib.sh).  Debian's
# patches to musl are not applied (they are packaging fixes); the
# upstream tarball is built as is.  About 2 minutes on an idle 2-core
# machine, 8 on a loaded one.  Cached in CACHE_DIR/musl until its inputs
# change: this script, the plugin's patch, the compiler version.
# Writes CACHE_DIR/musl/env: MUSL (the install prefix), MUSL_VERSION.
set -euo pipefail
RTE_PROG=sh4/build-musl.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
export ARCH=sh CROSS_COMPILE=sh4-linux-gnu-

usage() {
	cat <<EOF
usage: scripts/sh4/build-musl.sh [CACHE_DIR]
  Builds musl for sh4 into CACHE_DIR/musl (CACHE_DIR as for
  build-kernel.sh, default \$RTE_CACHE/sh4, which must have been built:
  its plugin is used) and writes CACHE_DIR/musl/env.
  Needs: apt (network to the machine's Debian archive), gcc-sh4-linux-gnu,
  make, and build-kernel.sh's packages.
EOF
}

HERE=$RTE_REPO/scripts/sh4

# The cache key: the compiler, this script, the plugin's patch.
input_stamp() {
	rte_sh4_stamp "$0" "$HERE"/0002-*.patch </dev/null
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -le 1 ]] || rte_usage_error "one argument at most"
	local cache=${1:-$RTE_CACHE/sh4}
	rte_need_cmd "${CROSS_COMPILE}gcc" apt-get make tar
	rte_source_env "$cache/env"
	[[ -r ${PLUGIN:-} ]] || rte_die "$cache/env has no plugin; run scripts/sh4/build-kernel.sh"

	local dir=$cache/musl stamp
	stamp=$(input_stamp)
	if [[ -r $dir/env && $(cat "$dir/stamp" 2>/dev/null) == "$stamp" ]]; then
		rte_log "musl for sh4 up to date ($dir, key $stamp)"
		return 0
	fi
	mkdir -p "$dir"
	rm -f "$dir/env" "$dir/stamp"
	SECONDS=0
	rte_log "fetching Debian's musl source package"
	rte_apt_source musl "$dir"
	local orig ver build=$dir/build prefix=$dir/prefix
	orig=$(compgen -G "$dir/src/musl_*.orig.tar.gz" | head -n 1) ||
		rte_die "no musl_*.orig.tar.gz in $dir/src"
	ver=${orig##*/musl_}
	ver=${ver%.orig.tar.gz}
	rm -rf "$build" "$prefix"
	mkdir -p "$build"
	tar -xzf "$orig" -C "$build" --strip-components=1

	# The plugin in CC, so configure's probes and every file get it.
	rte_log "building musl $ver for sh4 (static, with the workaround plugin)"
	(cd "$build" && ./configure --target=sh4-linux-gnu --prefix="$prefix" \
		--disable-shared CC="${CROSS_COMPILE}gcc -fplugin=$PLUGIN" \
		CFLAGS=-O2 && make -j2 && make install) >"$dir/build.log" 2>&1 ||
		{ tail -n 30 "$dir/build.log"; rte_die "musl build failed (log: $dir/build.log)"; }
	[[ -r $prefix/lib/libc.a && -r $prefix/lib/crt1.o ]] ||
		rte_die "musl installed no libc.a/crt1.o"
	grep -q -- "-fplugin=$PLUGIN" "$build/config.mak" ||
		rte_die "musl was configured without the plugin"

	cat >"$dir/env" <<EOF
MUSL=$prefix
MUSL_VERSION=$ver
EOF
	echo "$stamp" >"$dir/stamp"
	rte_log "built musl $ver in ${SECONDS}s: $dir/env"
}

main "$@"
