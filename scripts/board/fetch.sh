#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Fetch the Debian arm64 kernel(s) for the emulated board, their headers,
# the host kbuild tools, busybox-static and Xen; unpack them with `dpkg -x`
# (never installed) into $RTE_CACHE, make the headers usable from there, take
# the few pieces we need out of linux-source, and write the env files that
# the other scripts source. Idempotent: a run whose results are newer than
# the apt lists does not call apt at all (offline, instant).
set -euo pipefail
RTE_PROG=fetch.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/lib.sh"

usage() {
	cat <<EOF
usage: scripts/board/fetch.sh [std|rt|all|armhf]    (default: all)
  std    Debian linux-image-arm64     (PREEMPT_VOLUNTARY)
  rt     Debian linux-image-rt-arm64  (PREEMPT_RT)
  armhf  Debian linux-headers-armmp:armhf only: a 32-bit ARM kernel to
         build the module against (no board boots it)
Downloads into RTE_CACHE=$RTE_CACHE and writes <flavour>/env and env-common.
EOF
}

APT_LISTS=/var/lib/apt/lists
XEN_PKG="xen-hypervisor-4.17-arm64:arm64"
# Pieces of linux-source we keep: checkpatch, the kselftest framework, DT
# bindings and the upstream R-Car / ZynqMP device trees.
SRC_MEMBERS=(
	scripts/checkpatch.pl scripts/spelling.txt scripts/const_structs.checkpatch
	Documentation/dev-tools/checkpatch.rst
	tools/testing/selftests/kselftest.h tools/testing/selftests/kselftest_harness.h
	tools/testing/selftests/kselftest_module.h tools/testing/selftests/lib.mk
	tools/testing/selftests/run_kselftest.sh tools/testing/selftests/kselftest
	Documentation/devicetree/bindings include/dt-bindings scripts/dtc/include-prefixes
	arch/arm64/boot/dts/renesas arch/arm64/boot/dts/xilinx
	include/uapi/linux/input-event-codes.h # dt-bindings/input/ links to it
)

# up_to_date FILE [DEP...]: FILE exists and is newer than every apt list and
# every DEP, i.e. nothing apt knows has changed since FILE was written.
up_to_date() {
	local f=$1 d
	shift
	[[ -f $f ]] || return 1
	[[ -z $(find "$APT_LISTS" -maxdepth 1 -type f -newer "$f" -print -quit 2>/dev/null) ]] || return 1
	for d in "$@"; do
		[[ -e $d && ! $d -nt $f ]] || return 1
	done
}

# env_ok FILE VAR...: FILE sources cleanly and each VAR names an existing path.
env_ok() {
	(
		# shellcheck disable=SC1090
		. "$1" || exit 1
		shift
		for v in "$@"; do
			[[ -e ${!v:-/nonexistent} ]] || exit 1
		done
	)
}

# write_env FILE NAME=VALUE...: write shell assignments atomically.
write_env() {
	local f=$1 kv
	shift
	mkdir -p "$(dirname "$f")"
	for kv in "$@"; do
		printf '%s=%q\n' "${kv%%=*}" "${kv#*=}"
	done >"$f.tmp"
	mv -f "$f.tmp" "$f"
}

# depends_on PKG REGEX...: set DEPS to the first dependency of PKG's
# candidate version matching each REGEX.
DEPS=()
depends_on() {
	local pkg=$1 out re dep
	shift
	out=$(apt-cache depends "$pkg" 2>/dev/null) || true
	DEPS=()
	for re in "$@"; do
		dep=$(grep -oE "$re" <<<"$out" | head -n1) || true
		[[ -n $dep ]] ||
			rte_die "cannot resolve the dependency /$re/ of $pkg with apt-cache;" \
				"run scripts/setup-host.sh (adds arm64 and runs apt-get update)"
		DEPS+=("$dep")
	done
}

# fetch_pkgs SPEC...: make sure each package (name or name:arch) is unpacked
# under $RTE_CACHE/pkg/; sets PKGDIR[SPEC] to its root.
declare -A PKGDIR=()
fetch_pkgs() {
	local -A cand=()
	local spec name ver dir deb tmp todo=()
	while read -r name ver; do
		cand[$name]=$ver
	done < <(apt-cache policy "$@" 2>/dev/null |
		awk '/^[^ ].*:$/ { n = substr($0, 1, length($0) - 1) }
		     /^  Candidate:/ && $2 != "(none)" { print n, $2 }')
	for spec in "$@"; do
		ver=${cand[$spec]:-}
		[[ -n $ver ]] || rte_die "apt has no candidate for $spec;" \
			"run scripts/setup-host.sh (adds arm64 and runs apt-get update)"
		dir=$RTE_CACHE/pkg/${spec%:*}_${ver#*:}
		PKGDIR[$spec]=$dir
		if [[ -e $dir/.rte-done ]]; then
			rte_log "cached  ${spec%:*} $ver"
		else
			todo+=("$spec=$ver")
		fi
	done
	[[ ${#todo[@]} -gt 0 ]] || return 0

	tmp=$(mktemp -d "$RTE_CACHE/download.XXXXXX")
	# apt drops to user _apt to download, which cannot write here as root.
	(cd "$tmp" && apt-get -qq -o APT::Sandbox::User="$(id -un)" download "${todo[@]}") ||
		{ rm -rf "$tmp"; rte_die "apt-get download ${todo[*]} failed (network? stale lists: run apt-get update)"; }
	for spec in "${todo[@]}"; do
		spec=${spec%=*}
		name=${spec%:*}
		dir=${PKGDIR[$spec]}
		deb=$(echo "$tmp/${name}"_*.deb)
		[[ -f $deb ]] || { rm -rf "$tmp"; rte_die "apt-get download gave no ${name}_*.deb in $tmp"; }
		rm -rf "$dir.tmp"
		mkdir -p "$dir.tmp"
		dpkg -x "$deb" "$dir.tmp" || { rm -rf "$tmp"; rte_die "dpkg -x $deb failed"; }
		touch "$dir.tmp/.rte-done"
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
		rte_log "fetched $name ${cand[$spec]}: $(rte_du "$deb") .deb, $(rte_du "$dir") unpacked"
	done
	rm -rf "$tmp"
}

# fix_headers KDIR COMMON KBUILD: point the arch headers at the cache copies
# of the common headers and of the host kbuild tools (the packages use
# /usr/src/... and ../../lib/linux-kbuild-X.Y).
fix_headers() {
	local kdir=$1 common=$2 kbuild=$3 d
	[[ -f $common/Makefile && -x $kbuild/scripts/basic/fixdep ]] ||
		rte_die "unexpected layout of the headers ($common) or kbuild ($kbuild)"
	printf 'include %s/Makefile\n' "$common" >"$kdir/Makefile"
	for d in "$kdir" "$common"; do
		ln -sfn "$kbuild/scripts" "$d/scripts"
		ln -sfn "$kbuild/tools" "$d/tools"
	done
}

fetch_flavour() {
	local fl=$1 suffix envf krel hdr common kbuild kdir
	suffix=$(rte_flavour_suffix "$fl")
	envf=$RTE_CACHE/$fl/env
	if up_to_date "$envf" && env_ok "$envf" KDIR VMLINUZ MODDIR; then
		krel=$(sed -n 's/^KREL=//p' "$envf")
		SERIES=${krel%%.0-*}
		rte_log "$fl: up to date ($krel)"
		return
	fi
	depends_on "linux-image-$suffix:arm64" "linux-image-[^: ]+-$suffix"
	krel=${DEPS[0]#linux-image-}
	hdr=linux-headers-$krel:arm64
	depends_on "$hdr" 'linux-headers-[^:<> ]+-common[^:<> ]*' 'linux-kbuild-[0-9.]+'
	common=${DEPS[0]} kbuild=${DEPS[1]}
	SERIES=${kbuild#linux-kbuild-}
	rte_log "$fl: linux-image-$suffix -> $krel"

	fetch_pkgs "linux-image-$krel:arm64" "$hdr" "$common" "$kbuild"
	kdir=${PKGDIR[$hdr]}/usr/src/linux-headers-$krel
	fix_headers "$kdir" "${PKGDIR[$common]}/usr/src/${common}" \
		"${PKGDIR[$kbuild]}/usr/lib/$kbuild"
	write_env "$envf" KREL="$krel" KDIR="$kdir" \
		VMLINUZ="${PKGDIR[linux-image-$krel:arm64]}/boot/vmlinuz-$krel" \
		MODDIR="${PKGDIR[linux-image-$krel:arm64]}/lib/modules/$krel"
	rte_log "$fl: wrote $envf"
}

# source_stamp SERIES: what .rte-done of the extracted pieces must say:
# package, version and the member list (a longer list extracts again).
# The 32-bit ARM headers (armmp), for a build of the module only.
fetch_armhf() {
	local envf=$RTE_CACHE/armhf/env krel hdr common kbuild kdir
	if up_to_date "$envf" && env_ok "$envf" KDIR; then
		rte_log "armhf: up to date ($(sed -n 's/^KREL=//p' "$envf"))"
		return
	fi
	depends_on "linux-headers-armmp:armhf" "linux-headers-[^: ]+-armmp"
	krel=${DEPS[0]#linux-headers-}
	hdr=linux-headers-$krel:armhf
	depends_on "$hdr" 'linux-headers-[^:<> ]+-common[^:<> ]*' 'linux-kbuild-[0-9.]+'
	common=${DEPS[0]} kbuild=${DEPS[1]}
	rte_log "armhf: linux-headers-armmp -> $krel"
	# the common headers are architecture-independent, kbuild is the host's
	fetch_pkgs "$hdr" "$common" "$kbuild"
	kdir=${PKGDIR[$hdr]}/usr/src/linux-headers-$krel
	fix_headers "$kdir" "${PKGDIR[$common]}/usr/src/${common}" \
		"${PKGDIR[$kbuild]}/usr/lib/$kbuild"
	write_env "$envf" KREL="$krel" KDIR="$kdir"
	rte_log "armhf: wrote $envf"
}

source_stamp() {
	local pkg=linux-source-$1 ver
	ver=$(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) || ver=unknown
	echo "$pkg $ver $(printf '%s\n' "${SRC_MEMBERS[@]}" | sha256sum | cut -c1-12)"
}

# extract_source SERIES: the pieces of /usr/src/linux-source-SERIES.tar.xz.
extract_source() {
	local pkg=linux-source-$1 tarball=/usr/src/linux-source-$1.tar.xz
	local dst=$RTE_CACHE/linux-source m members=() stamp
	if [[ ! -f $tarball ]]; then
		[[ $EUID -eq 0 ]] || rte_die "$tarball missing; run scripts/setup-host.sh as root"
		rte_log "installing $pkg (for $tarball)"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >&2 ||
			rte_die "apt-get install $pkg failed; run scripts/setup-host.sh"
	fi
	stamp=$(source_stamp "$1")
	if [[ $(cat "$dst/.rte-done" 2>/dev/null) == "$stamp" ]]; then
		rte_log "cached  $stamp pieces"
		return
	fi
	for m in "${SRC_MEMBERS[@]}"; do
		members+=("$pkg/$m")
	done
	rm -rf "$dst.tmp"
	mkdir -p "$dst.tmp"
	tar -xJf "$tarball" -C "$dst.tmp" --strip-components=1 "${members[@]}" ||
		rte_die "extracting ${SRC_MEMBERS[*]} from $tarball failed"
	echo "$stamp" >"$dst.tmp/.rte-done"
	rm -rf "$dst"
	mv "$dst.tmp" "$dst"
	rte_log "fetched $stamp pieces: $(rte_du "$dst") in $dst"
}

fetch_common() {
	local envf=$RTE_CACHE/env-common tarball=/usr/src/linux-source-$SERIES.tar.xz xen
	if up_to_date "$envf" "$tarball" && env_ok "$envf" BUSYBOX XEN LINUX_SRC &&
		[[ $(cat "$RTE_CACHE/linux-source/.rte-done" 2>/dev/null) == "$(source_stamp "$SERIES")" ]]; then
		rte_log "common: up to date"
		return
	fi
	fetch_pkgs busybox-static:arm64 "$XEN_PKG"
	extract_source "$SERIES"
	xen=$(echo "${PKGDIR[$XEN_PKG]}"/boot/xen-*-arm64)
	[[ -f $xen ]] || rte_die "no boot/xen-*-arm64 in ${PKGDIR[$XEN_PKG]}"
	write_env "$envf" LINUX_SRC="$RTE_CACHE/linux-source" \
		BUSYBOX="${PKGDIR[busybox-static:arm64]}/bin/busybox" XEN="$xen"
	rte_log "common: wrote $envf"
}

main() {
	local what=${1:-all} fl
	[[ $# -le 1 ]] || rte_usage_error "too many arguments"
	case $what in
	-h | --help) usage; exit 0 ;;
	armhf)
		rte_need_cmd apt-cache apt-get dpkg
		mkdir -p "$RTE_CACHE" || rte_die "cannot create RTE_CACHE=$RTE_CACHE"
		fetch_armhf
		return ;;
	all) set -- "${RTE_FLAVOURS[@]}" ;;
	*) rte_is_flavour "$what" || rte_usage_error "unknown flavour '$what'"
	   set -- "$what" ;;
	esac
	rte_need_cmd apt-cache apt-get dpkg dpkg-query tar xz find
	mkdir -p "$RTE_CACHE" || rte_die "cannot create RTE_CACHE=$RTE_CACHE"
	SERIES=
	for fl in "$@"; do
		fetch_flavour "$fl"
	done
	fetch_common
	rte_log "cache $RTE_CACHE: $(rte_du "$RTE_CACHE")"
}

main "$@"
