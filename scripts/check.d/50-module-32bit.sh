#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module built for a 32-bit kernel: Debian's armmp (32-bit ARM, as on
# R-Car Gen2) headers, W=1 and sparse, no warning, and no 64-bit division
# helper from libgcc that the kernel does not export.  TAP lines for
# scripts/check.sh.
set -uo pipefail
RTE_PROG=50-module-32bit.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init module-32bit

"$RTE_REPO/scripts/board/fetch.sh" armhf
tap $? "Debian's armmp headers fetched"
rte_source_env "$RTE_CACHE/armhf/env" armhf

mkdir -p "$W/src"
cp -r "$RTE_REPO/Kbuild" "$RTE_REPO/driver" "$RTE_REPO/include" \
	"$RTE_REPO/common" "$W/src/"
rm -rf "$W/src/driver/tests"
# The composite object, not the .ko: Debian's x86 kbuild carries a modpost
# built for 64-bit targets, which cannot read a 32-bit module's device
# tables.  What modpost would check is checked below instead.
make -C "$KDIR" M="$W/src" ARCH=arm CROSS_COMPILE=arm-linux-gnueabihf- \
	W=1 C=2 CHECK=sparse rt_eval_tmu.o >"$W/build.log" 2>&1
rc=$?
cat "$W/build.log"
tap $rc "module built against $KREL (ARCH=arm, W=1, sparse)"
! grep -E 'warning:|error:' "$W/build.log"
tap $? "no compiler or sparse warning"
arm-linux-gnueabihf-readelf -h "$W/src/rt_eval_tmu.o" 2>/dev/null |
	grep -q 'Machine:.*ARM$'
tap $? "rt_eval_tmu.o is 32-bit ARM code"
# every symbol it needs is one the armmp kernel exports: a u64 "/" or "%"
# would need __aeabi_uldivmod, which it does not
unexported=
for sym in $(arm-linux-gnueabihf-nm -u "$W/src/rt_eval_tmu.o" | awk '{ print $2 }'); do
	[[ $sym == __this_module ]] && continue
	grep -qP "\t$sym\t" "$KDIR/Module.symvers" || unexported+=" $sym"
done
[[ -z $unexported ]] || echo "# not exported by $KREL:$unexported"
[[ -z $unexported ]]
tap $? "every symbol it uses is exported by $KREL (no libgcc 64-bit division)"
exit $FAIL
