#!/usr/bin/env bash
# What the derive costs at compile time, beside thiserror's derive.
#
#   scripts/compile-time.sh                      # 5 rounds, every measure
#   ROUNDS=9 scripts/compile-time.sh
#   CASES="79 1500" scripts/compile-time.sh      # some enums only
#   INSTRUCTIONS=0 CLEAN=0 scripts/compile-time.sh   # timings of the edit only
#   ROUNDS=0 CLEAN=0 scripts/compile-time.sh     # instruction counts only
#   THISERROR==2.0.17 scripts/compile-time.sh    # pin thiserror's version
#   FEATURES=grpc ROUNDS=0 CLEAN=0 scripts/compile-time.sh   # error-catalog with features
#
# The enums (CASES, default "license 79 400 1500"):
# - `license`: the 79-variant License API enum (src/license_api.rs);
# - a number N: an enum of N variants written by
#   scripts/compile-time/gen_enum.py, one variant in three with two fields
#   `{ key: String, n: u32 }` in a templated message, the others unit
#   variants with fixed messages, each with a one-line doc comment.
# Each enum is in a crate that derives `ApiError` and in one that derives
# `thiserror::Error` on the same enum: the same variants, fields, doc
# comments and messages (scripts/compile-time/to_thiserror.py rewrites the
# attributes).
#
# Three measures:
#
# 1. `cargo build` after an edit of the enum's file (its `NotFound` message
#    changed each round, to a new length, so that every token after it
#    moves, as with most real edits; dev profile, incremental, as for a
#    crate of one's own). Interleaved: in each round every enum is built on both sides, the
#    order of the two sides alternating from round to round. Reported as the
#    median over the rounds, per side, and the median of the per-round
#    ratios; and, over the generated sizes, the cost of one more variant
#    (the least-squares slope of the medians against the variant count).
# 2. The same build, counted in instructions (INSTRUCTIONS=1, the default;
#    needs valgrind): the enum crate's rustc alone, under callgrind
#    (macro expansion included: the derive runs inside rustc), after the
#    same kind of edit, from the incremental state of the build before it.
#    Unlike the wall and CPU times, the count hardly moves from run to run
#    or with the machine's load.
# 3. The macro crate and its dependencies (proc-macro2, quote, syn, ...)
#    built from clean (CLEAN=1, the default): error-catalog-macros (with
#    error-catalog-rules, which cargo builds beside syn, and
#    error-catalog-derive-core, which it starts once syn's metadata is
#    written) beside thiserror-impl, each through an empty crate that
#    depends on it alone, in the same profile, not incremental (as a crate
#    from a registry is built). The latest thiserror uses syn 3;
#    THISERROR==2.0.17 compares on the same syn 2. Then the macro crate
#    alone (with the other two), its dependencies built: what it adds to a build that has syn 3 anyway
#    (serde_derive, tokio-macros, thiserror bring it), timed, and with
#    INSTRUCTIONS=1 counted under callgrind (its rustc alone, not
#    incremental; the three crates' rustcs added).
#
# The crates are generated under target/compile-time/, each its own
# workspace with its own target directory. thiserror comes from crates.io.
# A manual measure, not part of CI. Needs cargo and python3.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# FEATURES: error-catalog's features in the enum crates (default: none);
# each set measures in its own directory.
FEATURES="${FEATURES:-}"
if ! [[ "$FEATURES" =~ ^[a-z,-]*$ ]]; then
    echo "FEATURES: a comma-separated list of error-catalog's features" >&2
    exit 2
fi
WORK="$ROOT/target/compile-time${FEATURES:+-${FEATURES//,/-}}"
ROUNDS="${ROUNDS:-5}"
THISERROR="${THISERROR:-2}"
CASES="${CASES:-license 79 400 1500}"
INSTRUCTIONS="${INSTRUCTIONS:-1}"
CLEAN="${CLEAN:-1}"
if ! [[ "$ROUNDS" =~ ^[0-9]+$ ]]; then
    echo "ROUNDS must be a number (0: instructions and no timings)" >&2
    exit 2
fi
for case in $CASES; do
    if [ "$case" != license ] && ! [[ "$case" =~ ^[1-9][0-9]*$ ]]; then
        echo "CASES: \`license\` or a number of variants, not \`$case\`" >&2
        exit 2
    fi
done
if [ "$INSTRUCTIONS" = 1 ] && ! command -v valgrind >/dev/null; then
    echo "INSTRUCTIONS=1 needs valgrind (or set INSTRUCTIONS=0)" >&2
    exit 2
fi

mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
: >"$RESULTS"

# shellcheck source=scripts/measure-common.sh
. "$ROOT/scripts/measure-common.sh"

# new_crate DIR NAME DEPENDENCY-LINE: see standalone_crate.
new_crate() { standalone_crate "$@"; }

# edit FILE TEXT: the `NotFound` message becomes "Not found" + TEXT.
edit() {
    python3 - "$1" "$2" <<'EOF'
import re, sys
path, n = sys.argv[1], sys.argv[2]
text = open(path).read()
text, count = re.subn(r'"Not found(?: \([^)"]*\))?"', f'"Not found ({n})"', text, count=1)
assert count == 1, "the NotFound message is where the edit goes"
open(path, "w").write(text)
EOF
}

# `"a", "b"` from FEATURES=a,b.
features_list() {
    if [ -n "$FEATURES" ]; then
        printf '"%s"' "${FEATURES//,/\", \"}"
    fi
}

# The enum crates: $WORK/enum-<case>-ours and -theirs.
enum_dir() { echo "$WORK/enum-$1-$2"; }
for case in $CASES; do
    source_file="$WORK/source-$case.rs"
    if [ "$case" = license ]; then
        cp "$ROOT/src/license_api.rs" "$source_file"
    else
        python3 "$ROOT/scripts/compile-time/gen_enum.py" "$case" >"$source_file"
    fi
    ours="$(enum_dir "$case" ours)"
    theirs="$(enum_dir "$case" theirs)"
    new_crate "$ours" "ct-enum-$case-error-catalog" "error-catalog = { path = \"$ROOT/runtime\", features = [$(features_list)] }"
    cp "$source_file" "$ours/src/lib.rs"
    new_crate "$theirs" "ct-enum-$case-thiserror" "thiserror = \"$THISERROR\""
    python3 "$ROOT/scripts/compile-time/to_thiserror.py" <"$source_file" >"$theirs/src/lib.rs"
done
# The crates a side's derive is made of: error-catalog-macros, the derive's
# core in error-catalog-derive-core and the rules it takes from
# error-catalog-rules (built beside syn), or thiserror-impl.
macro_crates() { if [ "$1" = ours ]; then echo error-catalog-rules error-catalog-derive-core error-catalog-macros; else echo thiserror-impl; fi; }
MACRO_OURS="$WORK/macro-error-catalog"
MACRO_THEIRS="$WORK/macro-thiserror"
new_crate "$MACRO_OURS" ct-macro-error-catalog "error-catalog-macros = { path = \"$ROOT/macros\" }"
new_crate "$MACRO_THEIRS" ct-macro-thiserror "thiserror-impl = \"$THISERROR\""
for dir in "$MACRO_OURS" "$MACRO_THEIRS"; do
    echo "// Empty: building it builds the macro crate it depends on." >"$dir/src/lib.rs"
done

echo "Preparing: building each enum crate and its dependencies once ..." >&2
for case in $CASES; do
    for side in ours theirs; do
        dir="$(enum_dir "$case" "$side")"
        (cd "$dir" && cargo build --quiet --target-dir "$dir/target")
    done
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
    for case in $CASES; do
        for side in $order; do
            dir="$(enum_dir "$case" "$side")"
            # A new length each round: as most real edits do, it moves
            # every token after it.
            edit "$dir/src/lib.rs" "edit $round$(printf '%*s' "$round" '' | tr ' ' '.')"
            t=$(cd "$dir" && seconds cargo build --target-dir "$dir/target")
            printf 'edit-%s\t%s\t%s\t%s\n' "$case" "$round" "$side" "$t" >>"$RESULTS"
            echo "round $round: $case, build after an edit, $side: wall, cpu (s): $t" >&2
        done
    done
    if [ "$CLEAN" = 1 ]; then
        for side in $order; do
            if [ "$side" = ours ]; then dir="$MACRO_OURS"; else dir="$MACRO_THEIRS"; fi
            rm -rf "$dir/target"
            # Not incremental, as for any crate that comes from a registry:
            # cargo would otherwise build the path dependency
            # error-catalog-macros incrementally and thiserror-impl not.
            t=$(cd "$dir" && CARGO_INCREMENTAL=0 seconds cargo build --target-dir "$dir/target")
            printf 'clean\t%s\t%s\t%s\n' "$round" "$side" "$t" >>"$RESULTS"
            echo "round $round: macro crate from clean, $side: wall, cpu (s): $t" >&2
            for crate in $(macro_crates "$side"); do
                (cd "$dir" && cargo clean --quiet -p "$crate" --target-dir "$dir/target")
            done
            t=$(cd "$dir" && CARGO_INCREMENTAL=0 seconds cargo build --target-dir "$dir/target")
            printf 'alone\t%s\t%s\t%s\n' "$round" "$side" "$t" >>"$RESULTS"
            echo "round $round: macro crate alone, $side: wall, cpu (s): $t" >&2
        done
    fi
done

INSTR="$WORK/instructions.tsv"
: >"$INSTR"
if [ "$INSTRUCTIONS" = 1 ]; then
    # The enum crate's rustc under callgrind, every other rustc as it is
    # (cargo runs `rustc -vV` and the build scripts through the wrapper too).
    wrapper="$WORK/callgrind-wrapper.sh"
    cat >"$wrapper" <<'EOF'
#!/usr/bin/env bash
# RUSTC_WRAPPER: rustc under callgrind when it builds $CT_CRATE.
prev=""
for arg in "$@"; do
    if [ "$prev" = --crate-name ] && [ "$arg" = "$CT_CRATE" ]; then
        exec valgrind --tool=callgrind --callgrind-out-file="$CT_OUT" "$@" 2>"$CT_OUT.log"
    fi
    prev="$arg"
done
exec "$@"
EOF
    chmod +x "$wrapper"
    for case in $CASES; do
        for side in ours theirs; do
            dir="$(enum_dir "$case" "$side")"
            if [ "$side" = ours ]; then name="ct_enum_${case}_error_catalog"; else name="ct_enum_${case}_thiserror"; fi
            # The incremental state of a build before the edit, then the
            # edit, counted.
            edit "$dir/src/lib.rs" "before the counted edit"
            (cd "$dir" && cargo build --quiet --target-dir "$dir/target")
            edit "$dir/src/lib.rs" "counted edit"
            out="$WORK/callgrind-$case-$side.out"
            rm -f "$out"
            (cd "$dir" && CT_CRATE="$name" CT_OUT="$out" RUSTC_WRAPPER="$wrapper" \
                cargo build --quiet --target-dir "$dir/target")
            if [ ! -s "$out" ]; then
                echo "callgrind did not run for $name (was the crate rebuilt?)" >&2
                exit 1
            fi
            ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$out" | head -1)
            printf '%s\t%s\t%s\n' "$case" "$side" "$ir" >>"$INSTR"
            echo "instructions: $case, $side: $ir" >&2
        done
    done
    if [ "$CLEAN" = 1 ]; then
        # The macro crate's own rustc, its dependencies built, not
        # incremental; the rustcs of error-catalog-rules and
        # error-catalog-derive-core added to it.
        for side in ours theirs; do
            if [ "$side" = ours ]; then dir="$MACRO_OURS"; else dir="$MACRO_THEIRS"; fi
            (cd "$dir" && CARGO_INCREMENTAL=0 cargo build --quiet --target-dir "$dir/target")
            total=0
            for crate in $(macro_crates "$side"); do
                (cd "$dir" && cargo clean --quiet -p "$crate" --target-dir "$dir/target")
                out="$WORK/callgrind-macro-$side-$crate.out"
                rm -f "$out"
                (cd "$dir" && CARGO_INCREMENTAL=0 CT_CRATE="${crate//-/_}" CT_OUT="$out" RUSTC_WRAPPER="$wrapper" \
                    cargo build --quiet --target-dir "$dir/target")
                ir=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p; s/^totals: *\([0-9]*\).*/\1/p' "$out" | head -1)
                echo "instructions: $crate, $side: $ir" >&2
                total=$((total + ir))
            done
            printf 'macro\t%s\t%s\n' "$side" "$total" >>"$INSTR"
            echo "instructions: macro crate alone, $side: $total" >&2
        done
    fi
fi

echo
echo "error-catalog features: ${FEATURES:-none}"
echo "Machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), $(rustc -V), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Crates: $(cd "$MACRO_OURS" && cargo tree --quiet --depth 0 -p error-catalog-macros | cut -d' ' -f1-2), \
$(cd "$MACRO_THEIRS" && cargo tree --quiet --depth 0 -p thiserror-impl | cut -d' ' -f1-2), \
syn $(cd "$MACRO_OURS" && cargo tree --quiet --depth 0 -p syn | cut -d' ' -f2) \
vs $(cd "$MACRO_THEIRS" && cargo tree --quiet --depth 0 -p syn | cut -d' ' -f2)"
python3 "$ROOT/scripts/compile-time/summary.py" "$RESULTS" "$INSTR" "$ROUNDS" "$CASES"
