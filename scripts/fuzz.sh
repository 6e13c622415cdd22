#!/usr/bin/env bash
# Coverage-guided fuzzing (cargo-fuzz, libFuzzer) of every target in fuzz/,
# each for a bounded time. Not part of CI: it needs the nightly toolchain
# and cargo-fuzz (`rustup toolchain install nightly`, `cargo install
# cargo-fuzz`). See FUZZING.md.
#
#   scripts/fuzz.sh                  # every target, 300 s each
#   scripts/fuzz.sh 60               # every target, 60 s each
#   scripts/fuzz.sh 600 decode       # one target, 600 s
#
# Each target starts from the seeds written from the tests
# (fuzz/seeds/TARGET, remade on every run) and from the corpus it grew
# before (fuzz/corpus/TARGET, kept between runs). A crash stops that target
# and leaves the input in fuzz/artifacts/TARGET/; the script goes on with
# the others and fails at the end. libFuzzer's output is in
# fuzz/logs/TARGET.log; its last lines give the executions and coverage.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
if [[ $# -gt 0 ]]; then shift; fi
if [[ $# -gt 0 ]]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo +nightly fuzz list --fuzz-dir fuzz)
fi

cargo +nightly run --quiet --manifest-path fuzz/Cargo.toml --example seeds
mkdir -p fuzz/logs

failed=()
for target in "${targets[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    inputs=("$corpus")
    if [[ -d "fuzz/seeds/$target" ]]; then inputs+=("fuzz/seeds/$target"); fi
    options=(-max_total_time="$seconds" -timeout=10 -print_final_stats=1)
    if [[ -f "fuzz/dict/$target.dict" ]]; then options+=(-dict="fuzz/dict/$target.dict"); fi

    echo "== $target: ${seconds} s"
    if cargo +nightly fuzz run --fuzz-dir fuzz "$target" "${inputs[@]}" -- "${options[@]}" \
        >"fuzz/logs/$target.log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+DONE|^stat::number_of_executed_units' "fuzz/logs/$target.log" || true
    else
        echo "!! $target failed: see fuzz/logs/$target.log and fuzz/artifacts/$target/"
        tail -n 30 "fuzz/logs/$target.log"
        failed+=("$target")
    fi
done

if [[ ${#failed[@]} -gt 0 ]]; then
    echo "failed: ${failed[*]}"
    exit 1
fi
