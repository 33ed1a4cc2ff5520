#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The module as DKMS builds it: `make dkms-src` lays out the source tree
# (/usr/src/rt_eval_tmu-<version>: no tests, no overlays), `make clean`
# works there, then Debian 12's dkms adds and builds it, cross, against
# the cached Debian arm64 headers and, when make check-debug has built it
# ($RTE_CACHE/debug), against the debug kernel tree.  dkms runs on
# private trees (--dkmstree, --sourcetree, --installtree): the host's
# /var/lib/dkms and /lib/modules are not touched.  `dkms install` is not
# run: it calls the host's depmod for the target kernel, which only works
# on the board itself.  TAP lines for scripts/check.sh.
set -uo pipefail
RTE_PROG=60-dkms.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init dkms

VERSION=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$RTE_REPO/dkms.conf")
SRC=$W/root/usr/src/rt_eval_tmu-$VERSION

source_tree() {
	local f bad=''
	make -s -C "$RTE_REPO" dkms-src DESTDIR="$W/root" >/dev/null 2>&1 &&
		[[ -f $SRC/dkms.conf && -f $SRC/Kbuild && -f $SRC/Makefile &&
			! -e $SRC/dts-overlays && ! -e $SRC/driver/tests ]]
	tap $? "make dkms-src: /usr/src/rt_eval_tmu-$VERSION with dkms.conf, Kbuild, Makefile, no tests or overlays"
	# dkms.conf is sourced by dkms as bash
	# shellcheck disable=SC1090,SC1091
	(
		set +u
		. "$SRC/dkms.conf"
		[[ $PACKAGE_NAME == rt_eval_tmu && ${BUILT_MODULE_NAME[0]} == rt_eval_tmu &&
			${DEST_MODULE_LOCATION[0]} == /updates/dkms && $AUTOINSTALL == yes ]]
	)
	tap $? "dkms.conf: rt_eval_tmu, installed to /updates/dkms, AUTOINSTALL"
	touch "$SRC/driver/x.o" "$SRC/x.ko" "$SRC/modules.order"
	make -s -C "$SRC" clean >"$W/clean.log" 2>&1
	for f in driver/x.o x.ko modules.order; do
		[[ -e $SRC/$f ]] && bad+=" $f"
	done
	[[ -z $bad ]] && ! grep -q . "$W/clean.log"
	tap $? "make clean in the DKMS source tree (no dts-overlays/)${bad:+, left:$bad}"
}

# build NAME KREL KDIR: dkms add (once) and build for KREL, cross
build() {
	local name=$1 krel=$2 kdir=$3 ko rc
	local opts=(--sourcetree "$W/root/usr/src" --dkmstree "$W/dkms"
		--installtree "$W/modules")
	mkdir -p "$W/dkms" "$W/modules"
	[[ -L $W/dkms/rt_eval_tmu/$VERSION/source ]] ||
		dkms add "rt_eval_tmu/$VERSION" "${opts[@]}" >"$W/add.log" 2>&1 ||
		{ cat "$W/add.log"; tap 1 "dkms add"; return; }
	# ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- come from lib.sh
	dkms build "rt_eval_tmu/$VERSION" -k "$krel" --arch aarch64 \
		--kernelsourcedir "$kdir" "${opts[@]}" >"$W/build-$name.log" 2>&1
	rc=$?
	ko=$W/dkms/rt_eval_tmu/$VERSION/$krel/aarch64/module/rt_eval_tmu.ko
	if [[ $rc != 0 ]]; then
		sed 's/^/# /' "$W/build-$name.log"
		find "$W/dkms" -name make.log -exec sed 's/^/# /' {} +
	fi
	[[ $rc == 0 ]] && dkms status "${opts[@]}" | grep -q "^rt_eval_tmu/$VERSION, $krel, aarch64: built$"
	tap $? "dkms build against $name ($krel), ARCH=arm64: dkms status says built"
	file "$ko" 2>/dev/null | grep -q 'ELF 64-bit LSB relocatable, ARM aarch64' &&
		[[ $(modinfo -F vermagic "$ko" 2>/dev/null) == "$krel "* ]] &&
		[[ $(modinfo -F name "$ko" 2>/dev/null) == rt_eval_tmu ]]
	tap $? "the module built against $name is aarch64, rt_eval_tmu, vermagic $krel"
}

# envvar FILE NAME: NAME=value from an env file of fetch.sh/build.sh
envvar() { sed -n "s/^$2=//p" "$1" | tail -n1; }

main() {
	local e
	rte_need_cmd dkms make file modinfo aarch64-linux-gnu-gcc
	source_tree
	"$RTE_REPO/scripts/board/fetch.sh" std >/dev/null 2>&1
	tap $? "Debian's arm64 headers fetched (cached)"
	e=$RTE_CACHE/std/env
	build "Debian's arm64 headers" "$(envvar "$e" KREL)" "$(envvar "$e" KDIR)"
	e=$RTE_CACHE/debug/env
	if [[ -r $e ]]; then
		build "the debug kernel tree" "$(envvar "$e" KREL)" "$(envvar "$e" KDIR)"
	else
		echo "ok $((N += 1)) dkms: dkms build against the debug kernel tree # SKIP no debug kernel tree (make check-debug builds it)"
		echo "ok $((N += 1)) dkms: the module built against the debug kernel tree # SKIP no debug kernel tree"
	fi
	exit $FAIL
}

main "$@"
