#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# What `make install` puts on a board, and the lab's view of many boards;
# TAP lines for scripts/check.sh.
#
#   1. make install DESTDIR=...: every file in its place, ExecStart set
#      from PREFIX; make -C tools install; make -C tools static-arm64
#   2. the installed template unit: systemd-analyze verify (clean, its
#      man page found in the tree), systemd-analyze security (SAFE or OK,
#      and no worse than 1.0 so that a dropped hardening line shows)
#   3. sysusers.d and tmpfiles.d snippets applied with --root
#   4. the udev rule: syntax, and that it matches /dev/rt_eval_tmu<N>,
#      gives it the sysusers group and wants the installed unit (Debian
#      12's udevadm has no "verify"; the board checks the match keys
#      against the real device: scripts/board/guest.d/udev.sh)
#   5. a collector's --prom file with the histogram: promtool check
#      metrics, buckets cumulative and +Inf equal to _count
#   6. prometheus/rt-eval.rules.yml: promtool check rules, test rules
#   7. grafana/rt-eval-dashboard.json: every PromQL expression parsed by
#      promtool (as a generated rules file), every metric one the
#      collector or the rules write
set -uo pipefail
RTE_PROG=60-install.sh
# shellcheck source=scripts/board/lib.sh
. "$(dirname "$0")/../board/lib.sh"

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# shellcheck source=scripts/check-lib.sh
. "$(dirname "$0")/../check-lib.sh"
rte_tap_init install

D=$W/destdir
# comment TEXT: TEXT as TAP comment lines
comment() { [[ -z $1 ]] || printf '# %s\n' "${1//$'\n'/$'\n'# }"; }
UNIT=rt-eval-collect@rt_eval_tmu0.service

install_tree() {
	local ksft=()
	local f out missing=()
	if [[ -r $RTE_CACHE/env-common ]]; then
		# shellcheck disable=SC1091
		. "$RTE_CACHE/env-common"
		ksft=(KSFT_DIR="$LINUX_SRC/tools/testing/selftests")
	fi
	out=$(make -s -C "$RTE_REPO" install DESTDIR="$D" "${ksft[@]}" 2>&1)
	tap $? "make install DESTDIR=... ${ksft[*]:+(with the kselftests)}"
	comment "$out"
	(cd "$D" && find . -type f | sort | sed 's/^\./# installed: /')
	for f in usr/local/bin/rt-eval-collect usr/local/bin/rt-eval-compare \
		usr/local/share/man/man1/rt-eval-collect.1 \
		usr/local/share/man/man1/rt-eval-compare.1 \
		usr/local/include/linux/rt_eval_tmu.h \
		lib/udev/rules.d/60-rt-eval-tmu.rules \
		lib/systemd/system/rt-eval-collect@.service \
		usr/lib/sysusers.d/rt-eval.conf usr/lib/tmpfiles.d/rt-eval.conf \
		etc/logrotate.d/rt-eval-collect; do
		[[ -s $D/$f ]] || missing+=("$f")
	done
	if [[ ${#ksft[@]} -gt 0 ]]; then
		for f in run_kselftest.sh kselftest-list.txt rt_eval_tmu/rt_eval_tmu_test; do
			[[ -s $D/usr/local/lib/rt_eval_tmu/kselftest/$f ]] || missing+=("kselftest/$f")
		done
	fi
	[[ ${#missing[@]} == 0 ]]
	tap $? "every file installed${missing[*]:+ (missing: ${missing[*]})}"
	grep -qxF "ExecStart=/usr/local/bin/rt-eval-collect --quiet --device /dev/%i \\" \
		"$D/lib/systemd/system/rt-eval-collect@.service"
	tap $? "the unit's ExecStart is PREFIX's binary"

	make -s -C "$RTE_REPO/tools" install DESTDIR="$W/tools" PREFIX=/usr >/dev/null 2>&1 &&
		[[ -x $W/tools/usr/bin/rt-eval-collect && -x $W/tools/usr/bin/rt-eval-compare ]] &&
		[[ $(find "$W/tools" -type f | wc -l) == 2 ]]
	tap $? "make -C tools install PREFIX=/usr: the two tools in /usr/bin, nothing else"
	make -s -C "$RTE_REPO/tools" static-arm64 >"$W/arm64.log" 2>&1 &&
		file "$RTE_REPO/tools/build-arm64/rt-eval-collect" |
		grep -q 'ARM aarch64.*statically linked'
	tap $? "make -C tools static-arm64: static aarch64 binaries in tools/build-arm64"
}

# The installed tree plus what any system has (the host's targets and
# slices, /bin/kill), so that verify resolves the unit's dependencies.
systemd_checks() {
	local r=$W/root out rc rating
	cp -a "$D" "$r"
	mkdir -p "$r/bin"
	cp /bin/kill "$r/bin/"
	cp -a /lib/systemd/system/*.target /lib/systemd/system/*.slice \
		"$r/lib/systemd/system/" 2>/dev/null
	out=$(MANPATH=$r/usr/local/share/man systemd-analyze verify --root="$r" "$UNIT" 2>&1)
	rc=$?
	[[ $rc == 0 && -z $out ]]
	tap $? "systemd-analyze verify --root=DESTDIR $UNIT (exit $rc)${out:+: $out}"

	out=$(systemd-analyze security --offline=true --root="$D" "$UNIT" 2>&1)
	echo "$out" | grep -E '^(✗|→)' | sed 's/^/# /'
	rating=$(sed -n 's/^→ Overall exposure level for [^:]*: \([0-9.]* [A-Z]*\).*/\1/p' <<<"$out")
	[[ $rating =~ ^[0-9.]+\ (SAFE|OK)$ ]]
	tap $? "systemd-analyze security: ${rating:-no rating} (SAFE or OK)"
	# --threshold is in tenths: fail on any exposure above 1.0
	systemd-analyze security --offline=true --threshold=10 --root="$D" "$UNIT" >/dev/null 2>&1
	tap $? "systemd-analyze security: exposure at most 1.0 (every hardening line counts)"
}

tmpfiles_sysusers() {
	local gid
	mkdir -p "$W/su/etc" "$W/su/usr/lib/sysusers.d" "$W/su/usr/lib/tmpfiles.d"
	cp "$D/usr/lib/sysusers.d/rt-eval.conf" "$W/su/usr/lib/sysusers.d/"
	systemd-sysusers --root="$W/su" >/dev/null 2>&1 &&
		grep -q '^rt-eval:x:[0-9]*:$' "$W/su/etc/group"
	tap $? "systemd-sysusers --root creates the group rt-eval"
	# ACL entries name groups through the host's NSS: use root's here
	sed 's/group:rt-eval:/group:root:/' "$D/usr/lib/tmpfiles.d/rt-eval.conf" \
		>"$W/su/usr/lib/tmpfiles.d/rt-eval.conf"
	gid=0
	systemd-tmpfiles --root="$W/su" --create rt-eval.conf >"$W/tmpfiles.log" 2>&1 &&
		! grep -q . "$W/tmpfiles.log" &&
		python3 - "$W/su/var/lib/prometheus/node-exporter" "$gid" <<'EOF'
import os, struct, sys
acl = os.getxattr(sys.argv[1], "system.posix_acl_access")
entries = [struct.unpack("<HHI", acl[i:i + 8]) for i in range(4, len(acl), 8)]
# ACL_GROUP (8) with rwx (7) for the group
sys.exit(0 if (8, 7, int(sys.argv[2])) in entries else 1)
EOF
	tap $? "systemd-tmpfiles --root: the textfile directory gets the group's rwx ACL"
}

udev_rule() {
	python3 - "$D/lib/udev/rules.d/60-rt-eval-tmu.rules" \
		"$D/usr/lib/sysusers.d/rt-eval.conf" \
		"$D/lib/systemd/system" <<'EOF'
import fnmatch, os, re, sys
rules, sysusers, unitdir = sys.argv[1:4]
tok = re.compile(r'\s*([A-Z_]+(?:\{[A-Za-z0-9_]+\})?)\s*(==|!=|\+=|-=|:=|=)\s*"([^"]*)"\s*(,|$)')
MATCH = {"SUBSYSTEM", "KERNEL", "ACTION", "DRIVER", "DEVPATH"}
ASSIGN = {"GROUP", "MODE", "OWNER", "TAG", "ENV{SYSTEMD_WANTS}"}
errors, lines = [], []
for n, line in enumerate(open(rules), 1):
    line = line.strip()
    if not line or line.startswith("#"):
        continue
    pos, keys = 0, []
    while pos < len(line):
        m = tok.match(line, pos)
        if not m:
            errors.append(f"line {n}: cannot parse at {line[pos:]!r}")
            break
        keys.append(m.group(1, 2, 3))
        pos = m.end()
    for k, op, v in keys:
        if k in MATCH and op not in ("==", "!="):
            errors.append(f"line {n}: {k} is a match key, {op} assigns")
        if k in ASSIGN and op not in ("=", "+=", ":="):
            errors.append(f"line {n}: {k} assigns, {op} matches")
        if k not in MATCH | ASSIGN:
            errors.append(f"line {n}: unexpected key {k}")
    lines.append(dict(((k, op), v) for k, op, v in keys))
if len(lines) != 1:
    errors.append(f"{len(lines)} rules, want 1")
r = lines[0] if lines else {}
glob = r.get(("KERNEL", "=="), "")
for name, want in (("rt_eval_tmu0", True), ("rt_eval_tmu12", True),
                   ("rt_eval_tmux", False), ("rtc0", False)):
    if fnmatch.fnmatchcase(name, glob) != want:
        errors.append(f"KERNEL glob {glob!r} {'misses' if want else 'matches'} {name}")
if r.get(("SUBSYSTEM", "==")) != "misc":
    errors.append("SUBSYSTEM is not misc (the driver is a misc device)")
groups = [l.split()[1] for l in open(sysusers) if l.startswith("g ")]
if r.get(("GROUP", "=")) not in groups:
    errors.append(f"GROUP {r.get(('GROUP', '='))} is not a sysusers.d group {groups}")
if r.get(("MODE", "=")) != "0640":
    errors.append("MODE is not 0640")
if r.get(("TAG", "+=")) != "systemd":
    errors.append("no TAG+=\"systemd\": systemd would not see the device")
wants = r.get(("ENV{SYSTEMD_WANTS}", "+="), "")
m = re.fullmatch(r"([a-z-]+)@%k\.service", wants)
if not m or not os.path.exists(os.path.join(unitdir, m.group(1) + "@.service")):
    errors.append(f"SYSTEMD_WANTS {wants!r} is not an installed template unit of %k")
for e in errors:
    print("#", e)
sys.exit(1 if errors else 0)
EOF
	tap $? "the udev rule parses, matches rt_eval_tmu<N> only, sets the sysusers group, wants the installed unit"
}

prom_file() {
	local bin=$RTE_REPO/tools/build out
	make -s -C "$RTE_REPO/tools" all tests >/dev/null 2>&1 &&
		"$bin/rte-gen-raw" "$W/run.raw" --dist tail --samples 20000 \
			--base 290 --spread 40 --seed 7 --gap-every 4999 --label dom0 >/dev/null &&
		"$bin/rt-eval-collect" --replay "$W/run.raw" --prom "$W/run.prom" -q >/dev/null
	tap $? "a generated run replayed into a --prom file"
	out=$(promtool check metrics <"$W/run.prom" 2>&1)
	[[ $? == 0 && -z $out ]]
	tap $? "promtool check metrics accepts the --prom file with the histogram${out:+: $out}"
	python3 - "$W/run.prom" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
assert "# TYPE rt_eval_irq_latency_seconds histogram\n" in text
b = re.findall(r'^rt_eval_irq_latency_seconds_bucket\{[^}]*le="([^"]+)"\} (\d+)$', text, re.M)
les = [x for x, _ in b]
assert les[-1] == "+Inf" and len(les) == 20, les
vals = [float(x) for x in les[:-1]]
assert vals == sorted(vals) and vals[0] == 1e-6 and vals[-1] == 1.0, vals
counts = [int(c) for _, c in b]
assert counts == sorted(counts), counts
count = int(re.search(r"^rt_eval_irq_latency_seconds_count\{[^}]*\} (\d+)$", text, re.M)[1])
summ = int(re.search(r"^rt_eval_latency_seconds_count\{[^}]*\} (\d+)$", text, re.M)[1])
assert counts[-1] == count == summ == 20000, (counts[-1], count, summ)
assert re.search(r'^rt_eval_info\{.*,board="[^"]+"', text, re.M), "no board label"
EOF
	tap $? "20 cumulative buckets from le=1e-06 to +Inf, +Inf = _count = the summary's count, a board label"
}

rules() {
	local p=$RTE_REPO/prometheus out
	out=$(promtool check rules "$p/rt-eval.rules.yml" 2>&1)
	tap $? "promtool check rules rt-eval.rules.yml"
	comment "$out"
	out=$(cd "$p" && promtool test rules rt-eval.rules.test.yml 2>&1)
	tap $? "promtool test rules: of two boards only the one over budget fires; stale and lost alerts"
	comment "$out"
}

dashboard() {
	local out
	python3 - "$RTE_REPO/grafana/rt-eval-dashboard.json" "$W/dash.rules.yml" \
		"$W/run.prom" "$RTE_REPO/prometheus/rt-eval.rules.yml" <<'EOF'
import json, re, sys
dash, out, prom, rules = sys.argv[1:5]
exprs = []
def walk(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "expr" and isinstance(v, str):
                exprs.append(v)
            else:
                walk(v)
    elif isinstance(o, list):
        for v in o:
            walk(v)
d = json.load(open(dash))
walk(d)
for v in d["templating"]["list"]:
    q = v.get("definition", "")
    m = re.fullmatch(r"label_values\((.+),\s*[a-z_]+\)", q)
    if q:
        assert m, f"variable {v['name']}: {q}"
        exprs.append(m.group(1))
assert len(exprs) >= 8, exprs
subst = {"$__rate_interval": "5m", "$__interval": "1m", "$__range": "1h",
         "$instance": ".*"}
known = set(re.findall(r"^(?:# TYPE )?(rt_eval_[a-z_]+)", open(prom).read(), re.M))
known |= set(re.findall(r"record: (\S+)", open(rules).read()))
with open(out, "w") as f:
    f.write("groups:\n  - name: dashboard\n    rules:\n")
    for i, e in enumerate(exprs):
        for k, v in subst.items():
            e = e.replace(k, v)
        assert "$" not in e, f"unknown Grafana variable in {e}"
        for name in re.findall(r"\b(rt_eval[a-z_:]*)\b", e):
            assert name in known, f"{name} is written by neither the collector nor the rules"
        f.write(f"      - record: rt_eval_dashboard:expr_{i}\n        expr: {json.dumps(e)}\n")
print(f"# {len(exprs)} expressions")
EOF
	tap $? "every dashboard expression names a metric the collector or the rules write"
	out=$(promtool check rules "$W/dash.rules.yml" 2>&1)
	tap $? "promtool parses every dashboard expression"
	comment "$out"
}

main() {
	rte_need_cmd make systemd-analyze systemd-sysusers systemd-tmpfiles promtool python3 file
	install_tree
	systemd_checks
	tmpfiles_sysusers
	udev_rule
	prom_file
	rules
	dashboard
	exit $FAIL
}

main "$@"
