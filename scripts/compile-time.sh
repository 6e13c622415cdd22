#!/usr/bin/env bash
# What the derive costs at compile time, beside thiserror's derive.
#
#   scripts/compile-time.sh            # 5 rounds
#   ROUNDS=9 scripts/compile-time.sh
#   THISERROR==2.0.17 scripts/compile-time.sh  # pin thiserror's version
#
# Two measures, each interleaved (the order of the two sides alternates from
# round to round), reported as the median of the per-round ratios:
#
# 1. `cargo build` after an edit of the 79-variant License API enum
#    (src/license_api.rs, its `NotFound` message changed each round), in a
#    crate that derives `ApiError` and in one that derives `thiserror::Error`
#    on the same enum: the same variants, fields, doc comments and messages
#    (scripts/compile-time/to_thiserror.py rewrites the attributes).
# 2. The macro crate and its dependencies (proc-macro2, quote, syn, ...)
#    built from clean: error-catalog-macros beside thiserror-impl, each
#    through an empty crate that depends on it alone, in the same profile,
#    not incremental (as a crate from a registry is built). The latest
#    thiserror uses syn 3; THISERROR==2.0.17 compares on the same syn 2.
#
# The crates are generated under target/compile-time/, each its own
# workspace with its own target directory. thiserror comes from crates.io.
# A manual measure, not part of CI. Needs cargo and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/compile-time"
ROUNDS="${ROUNDS:-5}"
THISERROR="${THISERROR:-2}"
if [ "$ROUNDS" -lt 1 ]; then
    echo "ROUNDS must be at least 1" >&2
    exit 2
fi

mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# new_crate DIR NAME DEPENDENCY-LINE: a library crate outside the project's
# workspace, with the project's Cargo.lock so that shared dependencies
# (proc-macro2, quote, syn, serde, ...) keep the project's versions.
new_crate() {
    local dir="$1" name="$2" dep="$3"
    mkdir -p "$dir/src"
    cat >"$dir/Cargo.toml" <<EOF
[package]
name = "$name"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
$dep

# Not a member of the project's workspace.
[workspace]
EOF
    cp "$ROOT/Cargo.lock" "$dir/Cargo.lock"
}

# seconds COMMAND...: runs the command quietly, prints its wall time and
# its CPU time (user + system, of it and its children), in seconds, tab
# separated. The CPU time is the steadier figure on a machine that runs
# other work.
seconds() {
    python3 - "$WORK/last-build.log" "$@" <<'EOF'
import resource, subprocess, sys, time
log, cmd = sys.argv[1], sys.argv[2:]
before = resource.getrusage(resource.RUSAGE_CHILDREN)
start = time.monotonic()
with open(log, "w") as out:
    code = subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
wall = time.monotonic() - start
after = resource.getrusage(resource.RUSAGE_CHILDREN)
cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
if code != 0:
    sys.stderr.write(open(log).read())
    sys.exit(code)
print(f"{wall:.3f}\t{cpu:.3f}")
EOF
}

# edit FILE ROUND: the `NotFound` message, "Not found" + the round's number.
edit() {
    python3 - "$1" "$2" <<'EOF'
import re, sys
path, n = sys.argv[1], sys.argv[2]
text = open(path).read()
text, count = re.subn(r'"Not found(?: \(edit \d+\))?"', f'"Not found (edit {n})"', text, count=1)
assert count == 1, "the NotFound message is where the edit goes"
open(path, "w").write(text)
EOF
}

ENUM_OURS="$WORK/enum-error-catalog"
ENUM_THEIRS="$WORK/enum-thiserror"
MACRO_OURS="$WORK/macro-error-catalog"
MACRO_THEIRS="$WORK/macro-thiserror"

new_crate "$ENUM_OURS" ct-enum-error-catalog "error-catalog = { path = \"$ROOT/runtime\" }"
cp "$ROOT/src/license_api.rs" "$ENUM_OURS/src/lib.rs"
new_crate "$ENUM_THEIRS" ct-enum-thiserror "thiserror = \"$THISERROR\""
python3 "$ROOT/scripts/compile-time/to_thiserror.py" <"$ROOT/src/license_api.rs" >"$ENUM_THEIRS/src/lib.rs"
new_crate "$MACRO_OURS" ct-macro-error-catalog "error-catalog-macros = { path = \"$ROOT/macros\" }"
new_crate "$MACRO_THEIRS" ct-macro-thiserror "thiserror-impl = \"$THISERROR\""
for dir in "$MACRO_OURS" "$MACRO_THEIRS"; do
    echo "// Empty: building it builds the macro crate it depends on." >"$dir/src/lib.rs"
done

echo "Preparing: building each enum crate's dependencies once ..." >&2
for dir in "$ENUM_OURS" "$ENUM_THEIRS"; do
    (cd "$dir" && cargo build --quiet --target-dir "$dir/target")
done

echo "Versions:" >&2
for dir in "$MACRO_OURS" "$MACRO_THEIRS"; do
    (cd "$dir" && cargo tree --quiet --edges normal --depth 2 2>/dev/null | sed 's/^/  /' >&2)
done

for round in $(seq 1 "$ROUNDS"); do
    if [ $((round % 2)) -eq 1 ]; then
        order="ours theirs"
    else
        order="theirs ours"
    fi
    for side in $order; do
        if [ "$side" = ours ]; then dir="$ENUM_OURS"; else dir="$ENUM_THEIRS"; fi
        edit "$dir/src/lib.rs" "$round"
        t=$(cd "$dir" && seconds cargo build --target-dir "$dir/target")
        printf 'edit\t%s\t%s\t%s\n' "$round" "$side" "$t" >>"$RESULTS"
        echo "round $round: build after an edit, $side: wall, cpu (s): $t" >&2
    done
    for side in $order; do
        if [ "$side" = ours ]; then dir="$MACRO_OURS"; else dir="$MACRO_THEIRS"; fi
        rm -rf "$dir/target"
        # Not incremental, as for any crate that comes from a registry:
        # cargo would otherwise build the path dependency
        # error-catalog-macros incrementally and thiserror-impl not.
        t=$(cd "$dir" && CARGO_INCREMENTAL=0 seconds cargo build --target-dir "$dir/target")
        printf 'clean\t%s\t%s\t%s\n' "$round" "$side" "$t" >>"$RESULTS"
        echo "round $round: macro crate from clean, $side: wall, cpu (s): $t" >&2
    done
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(rustc -V)"
echo "Crates: $(cd "$MACRO_OURS" && cargo tree --quiet --depth 0 -p error-catalog-macros | cut -d' ' -f1-2), \
$(cd "$MACRO_THEIRS" && cargo tree --quiet --depth 0 -p thiserror-impl | cut -d' ' -f1-2), \
syn $(cd "$MACRO_OURS" && cargo tree --quiet --depth 0 -p syn | cut -d' ' -f2) \
vs $(cd "$MACRO_THEIRS" && cargo tree --quiet --depth 0 -p syn | cut -d' ' -f2)"
python3 - "$RESULTS" "$ROUNDS" <<'EOF'
import sys
from statistics import median

rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
rounds = int(sys.argv[2])
# times[measure][round][side] = (wall, cpu)
times = {}
for measure, rnd, side, wall, cpu in rows:
    times.setdefault(measure, {}).setdefault(int(rnd), {})[side] = (float(wall), float(cpu))

names = {
    "edit": ("`cargo build` after an edit of the 79-variant enum", 1.5),
    "clean": ("macro crate and its dependencies, from clean", 1.0),
}
print()
print(f"{rounds} interleaved rounds. Ratio = error-catalog / thiserror, per round, then the median;")
print("wall = elapsed time, cpu = user + system time of cargo and rustc.")
print()
print("| round | edit ours wall/cpu (s) | edit thiserror wall/cpu (s) | clean ours wall/cpu (s) | clean thiserror wall/cpu (s) |")
print("| ---: | ---: | ---: | ---: | ---: |")
for rnd in sorted(times.get("edit", {})):
    cells = []
    for m in ("edit", "clean"):
        r = times.get(m, {}).get(rnd, {})
        for side in ("ours", "theirs"):
            w, c = r.get(side, (float("nan"), float("nan")))
            cells.append(f"{w:.3f} / {c:.3f}")
    print(f"| {rnd} | " + " | ".join(cells) + " |")
print()
print("| measure | clock | error-catalog (s) | thiserror (s) | ratio | target | met |")
print("| --- | --- | ---: | ---: | ---: | --- | --- |")
for measure, (label, target) in names.items():
    per_round = [r for r in times.get(measure, {}).values() if "ours" in r and "theirs" in r]
    for i, clock in enumerate(("wall", "cpu")):
        ours = [r["ours"][i] for r in per_round]
        theirs = [r["theirs"][i] for r in per_round]
        ratio = median([r["ours"][i] / r["theirs"][i] for r in per_round])
        met = "yes" if ratio <= target else "NO"
        print(f"| {label} | {clock} | {median(ours):.3f} | {median(theirs):.3f} | {ratio:.3f} | <= {target} | {met} |")
EOF
