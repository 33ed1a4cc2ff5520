#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a static json-c for the sh4 userland of the r2d tests: the
# collector reads its logs with json-c, and Debian builds json-c for no
# sh4.  From Debian 12's json-c source package (fetched as build-musl.sh
# fetches musl's; Debian's packaging patches are not applied), against
# the musl of build-musl.sh, with Debian's gcc-sh4 and the workaround
# plugin (build-kernel.sh, 0002) on every file.  About a minute.
# Cached in CACHE_DIR/json-c until its inputs change: this script, the
# plugin's patch, the compiler and musl.
# Writes CACHE_DIR/json-c/env: JSONC (the install prefix), JSONC_VERSION.
set -euo pipefail
RTE_PROG=sh4/build-json-c.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
export ARCH=sh CROSS_COMPILE=sh4-linux-gnu-

usage() {
	cat <<EOF
usage: scripts/sh4/build-json-c.sh [CACHE_DIR]
  Builds json-c for sh4 into CACHE_DIR/json-c (CACHE_DIR as for
  build-kernel.sh, default \$RTE_CACHE/sh4; build-kernel.sh and
  build-musl.sh must have run there) and writes CACHE_DIR/json-c/env.
  Needs: apt (network to the machine's Debian archive), cmake, make,
  gcc-sh4-linux-gnu.
EOF
}

HERE=$RTE_REPO/scripts/sh4

# The cache key: the compiler, musl, this script, the plugin's patch.
input_stamp() {
	echo "musl $MUSL_VERSION $(cat "$MUSL/../stamp" 2>/dev/null)" |
		rte_sh4_stamp "$0" "$HERE"/0002-*.patch
}

# toolchain FILE: a CMake toolchain file for static musl programs, so that
# CMake's own probes compile and link as the collector will.
toolchain() {
	local gccinc libgcc
	gccinc=$("${CROSS_COMPILE}gcc" -print-file-name=include)
	libgcc=$("${CROSS_COMPILE}gcc" -print-libgcc-file-name)
	cat >"$1" <<EOF
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR sh4)
set(CMAKE_C_COMPILER ${CROSS_COMPILE}gcc)
set(CMAKE_C_FLAGS_INIT "-fplugin=$PLUGIN -nostdinc -isystem $MUSL/include -isystem $gccinc")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static -nostdlib -L$MUSL/lib $MUSL/lib/crt1.o $MUSL/lib/crti.o")
set(CMAKE_C_STANDARD_LIBRARIES "$MUSL/lib/libc.a $libgcc $MUSL/lib/crtn.o")
set(CMAKE_FIND_ROOT_PATH $MUSL)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
EOF
}

main() {
	[[ ${1:-} == -h || ${1:-} == --help ]] && { usage; exit 0; }
	[[ $# -le 1 ]] || rte_usage_error "one argument at most"
	local cache=${1:-$RTE_CACHE/sh4}
	rte_need_cmd "${CROSS_COMPILE}gcc" apt-get cmake make tar
	rte_source_env "$cache/env"
	rte_source_env "$cache/musl/env"
	[[ -r ${PLUGIN:-} ]] || rte_die "$cache/env has no plugin; run scripts/sh4/build-kernel.sh"
	[[ -r ${MUSL:-}/lib/libc.a ]] || rte_die "no musl in $cache/musl; run scripts/sh4/build-musl.sh"

	local dir=$cache/json-c stamp
	stamp=$(input_stamp)
	if [[ -r $dir/env && $(cat "$dir/stamp" 2>/dev/null) == "$stamp" ]]; then
		rte_log "json-c for sh4 up to date ($dir, key $stamp)"
		return 0
	fi
	mkdir -p "$dir"
	rm -f "$dir/env" "$dir/stamp"
	SECONDS=0
	rte_log "fetching Debian's json-c source package"
	rte_apt_source json-c "$dir"
	local orig ver src=$dir/source build=$dir/build prefix=$dir/prefix
	orig=$(compgen -G "$dir/src/json-c_*.orig.tar.*" | head -n 1) ||
		rte_die "no json-c_*.orig.tar.* in $dir/src"
	ver=${orig##*/json-c_}
	ver=${ver%.orig.tar.*}
	rm -rf "$src" "$build" "$prefix"
	mkdir -p "$src" "$build"
	tar -xf "$orig" -C "$src" --strip-components=1
	toolchain "$dir/toolchain.cmake"

	# Static only; no threads, no libbsd, no RDRAND, no apps or tests.
	rte_log "building json-c $ver for sh4 (static musl, with the workaround plugin)"
	{
		cmake -S "$src" -B "$build" \
			-DCMAKE_TOOLCHAIN_FILE="$dir/toolchain.cmake" \
			-DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
			-DCMAKE_INSTALL_LIBDIR=lib -DBUILD_SHARED_LIBS=OFF \
			-DBUILD_STATIC_LIBS=ON -DBUILD_TESTING=OFF -DBUILD_APPS=OFF \
			-DDISABLE_EXTRA_LIBS=ON -DENABLE_THREADING=OFF \
			-DENABLE_RDRAND=OFF -DDISABLE_WERROR=ON &&
			make -C "$build" -j2 && make -C "$build" install
	} >"$dir/build.log" 2>&1 ||
		{ tail -n 30 "$dir/build.log"; rte_die "json-c build failed (log: $dir/build.log)"; }
	[[ -r $prefix/lib/libjson-c.a && -r $prefix/include/json-c/json.h ]] ||
		rte_die "json-c installed no libjson-c.a/json.h"
	grep -q -- "-fplugin=$PLUGIN" "$build/CMakeCache.txt" ||
		rte_die "json-c was configured without the plugin"

	cat >"$dir/env" <<EOF
JSONC=$prefix
JSONC_VERSION=$ver
EOF
	echo "$stamp" >"$dir/stamp"
	rte_log "built json-c $ver in ${SECONDS}s: $dir/env"
}

main "$@"
