#!/usr/bin/env bash
# What a user pays in build time for error-catalog's `utoipa` and `aide`
# features.
#
#   scripts/feature-build-time.sh            # 3 rounds
#   ROUNDS=5 scripts/feature-build-time.sh
#
# Two measures, each interleaved (the order of the crates rotates from round
# to round), reported as medians and as ratios to the crate without the
# feature, taken per round:
#
# 1. From clean (dev profile, not incremental, as a dependency from a
#    registry is built), a crate that depends on
#    - error-catalog alone (`none`), with `utoipa` on, with `aide` on: what
#      the feature costs a crate that has no utoipa or aide yet;
#    - error-catalog and utoipa (or aide), with and without the feature:
#      what the feature itself costs a crate that uses utoipa (or aide)
#      anyway, which is the usual case.
# 2. `cargo build` after an edit of the 79-variant License API enum
#    (src/license_api.rs, its `NotFound` message changed each round; dev
#    profile, incremental), with no feature, with `utoipa`, with `aide`:
#    what the impls the derive adds cost at each build.
#
# The crates are generated under target/feature-build-time/, each its own
# workspace with its own target directory and the project's Cargo.lock, so
# that every dependency keeps the project's version. A manual measure, not
# part of CI. Needs cargo and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="$ROOT/target/feature-build-time"
ROUNDS="${ROUNDS:-3}"
if [ "$ROUNDS" -lt 1 ]; then
    echo "ROUNDS must be at least 1" >&2
    exit 2
fi

mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# shellcheck source=scripts/measure-common.sh
. "$ROOT/scripts/measure-common.sh"

# new_crate NAME DEPENDENCY-LINES: $WORK/NAME, package fbt-NAME (see
# standalone_crate).
new_crate() { standalone_crate "$WORK/$1" "fbt-$1" "$2"; }

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

EC="error-catalog = { path = \"$ROOT/runtime\""
UTOIPA='utoipa = "6"'
AIDE='aide = { version = "0.15", default-features = false }'

# The clean builds: an empty crate, so that only the dependencies count.
CLEAN=(none utoipa aide has-utoipa has-utoipa-on has-aide has-aide-on)
new_crate none "$EC }"
new_crate utoipa "$EC, features = [\"utoipa\"] }"
new_crate aide "$EC, features = [\"aide\"] }"
new_crate has-utoipa "$EC }
$UTOIPA"
new_crate has-utoipa-on "$EC, features = [\"utoipa\"] }
$UTOIPA"
new_crate has-aide "$EC }
$AIDE"
new_crate has-aide-on "$EC, features = [\"aide\"] }
$AIDE"
for name in "${CLEAN[@]}"; do
    echo "// Empty: building it builds its dependencies." >"$WORK/$name/src/lib.rs"
done

# The edits: the License API enum.
EDIT=(enum-none enum-utoipa enum-aide)
new_crate enum-none "$EC }"
new_crate enum-utoipa "$EC, features = [\"utoipa\"] }"
new_crate enum-aide "$EC, features = [\"aide\"] }"
for name in "${EDIT[@]}"; do
    cp "$ROOT/src/license_api.rs" "$WORK/$name/src/lib.rs"
done

echo "Preparing: building each enum crate once ..." >&2
for name in "${EDIT[@]}"; do
    (cd "$WORK/$name" && cargo build --quiet --target-dir "$WORK/$name/target")
done

# rotate N ITEMS...: the items, rotated left by N.
rotate() {
    local n="$1"
    shift
    local items=("$@") count="$#"
    for i in $(seq 0 $((count - 1))); do
        printf '%s\n' "${items[$(((i + n) % count))]}"
    done
}

for round in $(seq 1 "$ROUNDS"); do
    for name in $(rotate "$round" "${CLEAN[@]}"); do
        dir="$WORK/$name"
        rm -rf "$dir/target"
        t=$(cd "$dir" && CARGO_INCREMENTAL=0 seconds cargo build --target-dir "$dir/target")
        printf 'clean\t%s\t%s\t%s\n' "$round" "$name" "$t" >>"$RESULTS"
        echo "round $round: from clean, $name: wall, cpu (s): $t" >&2
    done
    for name in $(rotate "$round" "${EDIT[@]}"); do
        dir="$WORK/$name"
        edit "$dir/src/lib.rs" "$round"
        t=$(cd "$dir" && seconds cargo build --target-dir "$dir/target")
        printf 'edit\t%s\t%s\t%s\n' "$round" "$name" "$t" >>"$RESULTS"
        echo "round $round: build after an edit, $name: wall, cpu (s): $t" >&2
    done
done

echo
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(rustc -V)"
echo "Crates: $(cd "$WORK/utoipa" && cargo tree --quiet --depth 0 -p utoipa | cut -d' ' -f1-2), \
$(cd "$WORK/aide" && cargo tree --quiet --depth 0 -p aide | cut -d' ' -f1-2); \
packages built: $(for name in "${CLEAN[@]}"; do
    printf '%s %s, ' "$name" "$(cd "$WORK/$name" && cargo tree --quiet --prefix none -e normal,build | sort -u | wc -l)"
done)"
python3 - "$RESULTS" "$ROUNDS" <<'EOF'
import sys
from statistics import median

rows = [line.split("\t") for line in open(sys.argv[1]).read().splitlines()]
rounds = int(sys.argv[2])
# times[measure][round][crate] = (wall, cpu)
times = {}
for measure, rnd, crate, wall, cpu in rows:
    times.setdefault(measure, {}).setdefault(int(rnd), {})[crate] = (float(wall), float(cpu))

def row(measure, label, crate, base=None):
    per_round = [r for r in times[measure].values() if crate in r and (base is None or base in r)]
    cells = []
    for i in (0, 1):
        cells.append(f"{median(r[crate][i] for r in per_round):.2f}")
        if base is None:
            cells += ["", ""]
        else:
            cells.append(f"{median(r[crate][i] - r[base][i] for r in per_round):+.2f}")
            cells.append(f"{median(r[crate][i] / r[base][i] for r in per_round):.2f}")
    print(f"| {label} | {f'`{base}`' if base else ''} | " + " | ".join(cells) + " |")

print()
print(f"{rounds} interleaved rounds; medians; the extra time and the ratio are taken")
print("per round against the crate without the feature, then the median.")
print("wall = elapsed, cpu = user + system time of cargo and rustc.")
print()
print("| crate | against | wall (s) | wall extra (s) | wall ratio | cpu (s) | cpu extra (s) | cpu ratio |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
row("clean", "from clean: error-catalog, no feature (`none`)", "none")
row("clean", "from clean: error-catalog beside utoipa (`has-utoipa`)", "has-utoipa")
row("clean", "from clean: error-catalog beside aide (`has-aide`)", "has-aide")
row("clean", "from clean: error-catalog with `utoipa`", "utoipa", "none")
row("clean", "from clean: error-catalog with `aide`", "aide", "none")
row("clean", "from clean: error-catalog with `utoipa`, beside utoipa", "has-utoipa-on", "has-utoipa")
row("clean", "from clean: error-catalog with `aide`, beside aide", "has-aide-on", "has-aide")
row("edit", "build after an edit of the enum, no feature (`enum-none`)", "enum-none")
row("edit", "build after an edit of the enum, `utoipa`", "enum-utoipa", "enum-none")
row("edit", "build after an edit of the enum, `aide`", "enum-aide", "enum-none")
EOF
