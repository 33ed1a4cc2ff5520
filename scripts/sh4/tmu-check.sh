#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# rt_eval_tmu on QEMU's r2d board (SH7751R), TMU3 channel 0: build (or
# reuse) the sh4 test kernel (0004 registers rt-eval-tmu.0) and musl, build
# the module, the kselftests and rt-eval-collect against them, boot, and
# run tmu-check.rc: bind, IRQ 88 counting, sysfs statistics, the
# kselftests, a short collection.  Prints the guest's TAP lines at the
# end.  Every figure is from an emulated board.
#
# The userland is static musl (build-musl.sh) and json-c
# (build-json-c.sh, for the collector), compiled with the
# workaround plugin; 64-bit division comes from rte-divdi3.c, and the link
# maps are checked so that no C code of Debian's libgcc.a is linked (it
# is built by the same miscompiling gcc-sh4).
set -euo pipefail
RTE_PROG=sh4/tmu-check.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"
export ARCH=sh CROSS_COMPILE=sh4-linux-gnu-

usage() {
	cat <<EOF
usage: scripts/sh4/tmu-check.sh [--timeout SEC] [CACHE_DIR]
  CACHE_DIR as for build-kernel.sh (default \$RTE_CACHE/sh4); the kernel
  and musl are built there when missing.  --timeout bounds the QEMU run
  (default 1500).
  Needs: gcc-sh4-linux-gnu gcc-12-plugin-dev-sh4-linux-gnu
  linux-libc-dev-sh4-cross g++ make flex bison bc patch linux-source-6.1
  qemu-system-misc, and apt access to the Debian archive (musl source).
  Exit status: boot.sh's (0: every rc line and every test passed).
EOF
}

HERE=$RTE_REPO/scripts/sh4
WORK=$RTE_REPO/build/sh4/tmu-check

# Members of libgcc.a that may be linked: the assembler routines of SH's
# lib1funcs.S (not the compiler's output), the __clz_tab table, and five
# small C ones read in objdump -d (each conditional branch right after
# its own cmp/tst/fcmp).  Any other C member, e.g. libgcc2.c's 64-bit
# division that rte-divdi3.c replaces, is refused.
LIBGCC_OK=" _ashiftrt _ashiftrt_n _ashiftlt _lshiftrt _movmem _movmem_i4
	_mulsi3 _sdivsi3 _sdivsi3_i4 _sdivsi3_i4i _udivsi3 _udivsi3_i4
	_udivsi3_i4i _set_fpscr _div_table _udiv_qrnnd_16 _ic_invalidate
	_ic_invalidate_array _clz _clzdi2 _fixdfdi _fixunsdfdi _floatdidf
	_floatundidf "

check_libgcc_members() {
	local map=$1 m bad=0
	while read -r m; do
		if [[ ! $LIBGCC_OK =~ [[:space:]]${m%.o}[[:space:]] ]]; then
			rte_warn "${map##*/}: links libgcc.a($m), compiled C not checked"
			bad=1
		fi
	done < <(grep -oE 'libgcc\.a\([^)]+\)' "$map" | sed -E 's/.*\((.*)\)/\1/' | sort -u)
	return $bad
}

# build_userland KSFT: the kselftests and rt-eval-collect, static musl.
build_userland() {
	local ksft=$1 uapi=$WORK/uapi cc=$WORK/musl-cc gccinc t
	gccinc=$("${CROSS_COMPILE}gcc" -print-file-name=include)
	# kernel uapi headers without glibc's (linux-libc-dev-sh4-cross)
	rm -rf "$uapi" && mkdir -p "$uapi"
	cp -r /usr/sh4-linux-gnu/include/linux /usr/sh4-linux-gnu/include/asm \
		/usr/sh4-linux-gnu/include/asm-generic "$uapi/" ||
		rte_die "no sh4 uapi headers; apt-get install linux-libc-dev-sh4-cross"

	"${CROSS_COMPILE}gcc" -fplugin="$PLUGIN" -O2 -Wall -Wextra -Werror \
		-c -o "$WORK/rte-divdi3.o" "$HERE/rte-divdi3.c"
	# A musl-gcc of our own: musl's and the uapi headers only; at link
	# time musl's crt files and libc.a, our division, then libgcc.a's
	# assembler routines.  No crtbegin/crtend: musl runs .init_array.
	cat >"$cc" <<EOF
#!/bin/sh
set -e
CC="${CROSS_COMPILE}gcc -fplugin=$PLUGIN -nostdinc -isystem $MUSL/include -isystem $JSONC/include -isystem $uapi -isystem $gccinc"
for a in "\$@"; do
	case \$a in -c | -S | -E | -M | -MM) exec \$CC "\$@" ;; esac
done
exec \$CC -static -nostdlib -L$JSONC/lib -L$MUSL/lib $MUSL/lib/crt1.o $MUSL/lib/crti.o \\
	"\$@" $WORK/rte-divdi3.o $MUSL/lib/libc.a \\
	\$(${CROSS_COMPILE}gcc -print-libgcc-file-name) $MUSL/lib/crtn.o
EOF
	chmod +x "$cc"

	# The selftests' flags (selftests/rt_eval_tmu/Makefile); they need
	# no 128-bit type, which 32-bit SH lacks.
	mkdir -p "$WORK/bin"
	for t in rt_eval_tmu_test rt_eval_tmu_io rt_eval_tmu_lifecycle; do
		"$cc" -std=gnu11 -O2 -Wall -Wextra -Werror -isystem "$ksft" \
			-I"$RTE_REPO/include/uapi" \
			-o "$WORK/bin/$t" "$RTE_REPO/selftests/rt_eval_tmu/$t.c" \
			-lpthread -Wl,-Map="$WORK/$t.map" ||
			rte_die "building $t failed"
	done
	# The collector, on the json-c of build-json-c.sh.
	make -s -C "$RTE_REPO/tools" CC="$cc" OUT="$WORK/tools" \
		LDFLAGS="-Wl,-Map=$WORK/rt-eval-collect.map" \
		"$WORK/tools/rt-eval-collect" >"$WORK/tools.log" 2>&1 ||
		{ cat "$WORK/tools.log"; rte_die "building rt-eval-collect failed"; }
	cp "$WORK/tools/rt-eval-collect" "$WORK/bin/"
	for t in rt_eval_tmu_test rt_eval_tmu_io rt_eval_tmu_lifecycle rt-eval-collect; do
		check_libgcc_members "$WORK/$t.map" ||
			rte_die "$t links compiled C from Debian's libgcc.a"
	done
}

main() {
	local timeout=1500
	while [[ $# -gt 0 ]]; do
		case $1 in
		-h | --help) usage; exit 0 ;;
		--timeout) timeout=${2:?}; shift 2 ;;
		-*) rte_usage_error "unknown option: $1" ;;
		*) break ;;
		esac
	done
	[[ $# -le 1 ]] || rte_usage_error "one cache directory at most"
	[[ $timeout =~ ^[0-9]+$ ]] || rte_usage_error "--timeout: seconds expected"
	local cache=${1:-$RTE_CACHE/sh4} rc=0
	rte_need_cmd "${CROSS_COMPILE}gcc" "${CROSS_COMPILE}ar" \
		"${CROSS_COMPILE}objdump" make
	SECONDS=0
	"$HERE/build-kernel.sh" "$cache"
	"$HERE/build-musl.sh" "$cache"
	"$HERE/build-json-c.sh" "$cache"
	rte_source_env "$cache/env"
	rte_source_env "$cache/musl/env"
	rte_source_env "$cache/json-c/env"
	local ksft=$cache/src/tools/testing/selftests
	[[ -r $ksft/kselftest_harness.h ]] || rte_die "$ksft: no kselftest harness"
	rm -rf "$WORK" && mkdir -p "$WORK"

	rte_log "building rt_eval_tmu.ko against $KDIR"
	local mod=$WORK/module
	mkdir -p "$mod"
	cp -r "$RTE_REPO/Kbuild" "$RTE_REPO/driver" "$RTE_REPO/include" "$mod/"
	[[ -d $RTE_REPO/common ]] && cp -r "$RTE_REPO/common" "$mod/"
	make -C "$KDIR" M="$mod" W=1 -j2 modules >"$mod/build.log" 2>&1 ||
		{ cat "$mod/build.log"; rte_die "module build failed"; }
	grep -q sh_no_treg_combine_plugin "$mod"/driver/.rte_core.o.cmd ||
		rte_die "rt_eval_tmu was built without the workaround plugin"

	rte_log "building the kselftests and rt-eval-collect (static musl $MUSL_VERSION, json-c $JSONC_VERSION)"
	build_userland "$ksft"
	rte_log "built in ${SECONDS}s; booting"

	"$HERE/boot.sh" --cache "$cache" --rc "$HERE/tmu-check.rc" \
		--module "$mod/rt_eval_tmu.ko" --bin "$WORK/bin/rt_eval_tmu_test" \
		--bin "$WORK/bin/rt_eval_tmu_io" --bin "$WORK/bin/rt_eval_tmu_lifecycle" \
		--bin "$WORK/bin/rt-eval-collect" --timeout "$timeout" \
		--log "$WORK/boot.log" >"$WORK/console.log" || rc=$?

	local log=$WORK/boot.log
	grep -aE 'rt_eval_tmu|rt-eval-tmu|^tmu-check:|^rte-init: ' "$log" |
		grep -avE '^(not )?ok [0-9]+ ' | tr -d '\r' >&2 || true
	rte_log "guest TAP lines (emulated board, QEMU r2d):"
	grep -aE '^(not )?ok [0-9]+ |^# Totals|^1\.\.[0-9]+' "$log" | tr -d '\r' || true
	rte_log "exit $rc after ${SECONDS}s (console: $log)"
	return "$rc"
}

main "$@"
