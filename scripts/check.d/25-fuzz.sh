#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The tools' readers under libFuzzer; TAP lines for scripts/check.sh.
#
#   1. make -C tools fuzz-build: the harnesses of tools/tests/fuzz built
#      with clang -fsanitize=fuzzer,address,undefined
#   2. each of them (the raw file reader and replay, the log reader, the
#      JSON reader, the trace reader with the spike analysis) run for
#      FUZZ_SECONDS (default 30) from its seeds in
#      tools/tests/fuzz/corpus/<target>/: any crash, sanitizer report,
#      leak, timeout or memory blow-up fails, its input left in
#      tools/build/fuzz/found-<target>/
set -uo pipefail
RTE_PROG=25-fuzz.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

TOOLS=$RTE_REPO/tools
SECONDS_EACH=${FUZZ_SECONDS:-30}
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init fuzz

main() {
	local out rc t runs
	rte_need_cmd clang make
	out=$(make -s -C "$TOOLS" fuzz-build 2>&1)
	rc=$?
	[[ $rc == 0 ]] || echo "$out" | head -n 30
	tap $rc "the harnesses build with clang -fsanitize=fuzzer,address,undefined"
	[[ $rc == 0 ]] || exit 1
	for t in raw log json trace; do
		out=$(make -s -C "$TOOLS" fuzz FUZZ_TARGETS="$t" FUZZ_SECONDS="$SECONDS_EACH" 2>&1)
		rc=$?
		runs=$(grep -o 'Done [0-9]* runs' <<<"$out" | grep -o '[0-9]*')
		[[ $rc == 0 ]] || echo "$out" | sed 's/^/# /' | tail -n 40
		tap $rc "fuzz_$t: ${SECONDS_EACH} s with ASan and UBSan, ${runs:-no} inputs, nothing found"
	done
	exit $FAIL
}

main "$@"
