#!/usr/bin/env python3
"""The tables of scripts/compile-time.sh, from its measures:

    summary.py RESULTS.tsv INSTRUCTIONS.tsv ROUNDS "CASES"

RESULTS.tsv: `measure round side wall cpu` a line (measure `edit-<case>` or
`clean` or `alone`, side `ours` or `theirs`); INSTRUCTIONS.tsv: `case side
count` (case `macro`: the macro crate's own rustc, with
error-catalog-rules' for error-catalog).
"""

import sys
from statistics import median

# The targets: the build after an edit at most this many times thiserror's.
EDIT_TARGETS = {"79": 1.25, "1500": 1.5, "license": 1.5}
CLEAN_TARGET = 1.0


def variants(case: str) -> int:
    return 79 if case == "license" else int(case)


def slope(points):
    """Least-squares slope of y against x."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx


def target_cell(ratio, target):
    if target is None:
        return "-", "-"
    return f"<= {target}", "yes" if ratio <= target else "NO"


def main():
    results, instructions, rounds, cases = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split()
    # times[measure][round][side] = (wall, cpu)
    times = {}
    for line in open(results).read().splitlines():
        measure, rnd, side, wall, cpu = line.split("\t")
        times.setdefault(measure, {}).setdefault(int(rnd), {})[side] = (float(wall), float(cpu))

    def per_round(measure):
        return [r for r in times.get(measure, {}).values() if "ours" in r and "theirs" in r]

    medians = {}
    if rounds > 0:
        print()
        print(f"{rounds} interleaved rounds. Ratio = error-catalog / thiserror, per round, then the median;")
        print("wall = elapsed time, cpu = user + system time of cargo and rustc.")
        print()
        print("Per round, `cargo build` after an edit, wall / cpu (s), error-catalog | thiserror:")
        print()
        print("| round | " + " | ".join(f"{c}: ours | {c}: thiserror" for c in cases) + " |")
        print("| ---: |" + " ---: | ---: |" * len(cases))
        for rnd in range(1, rounds + 1):
            cells = []
            for case in cases:
                r = times.get(f"edit-{case}", {}).get(rnd, {})
                for side in ("ours", "theirs"):
                    w, c = r.get(side, (float("nan"), float("nan")))
                    cells.append(f"{w:.3f} / {c:.3f}")
            print(f"| {rnd} | " + " | ".join(cells) + " |")

        print()
        print("| enum | variants | clock | error-catalog (s) | thiserror (s) | ratio | per round | target | met |")
        print("| --- | ---: | --- | ---: | ---: | ---: | --- | --- | --- |")
        for case in cases:
            rows = per_round(f"edit-{case}")
            if not rows:
                continue
            for i, clock in enumerate(("wall", "cpu")):
                ours = median(r["ours"][i] for r in rows)
                theirs = median(r["theirs"][i] for r in rows)
                ratios = [r["ours"][i] / r["theirs"][i] for r in rows]
                ratio = median(ratios)
                medians[(case, clock)] = (ours, theirs)
                target, met = target_cell(ratio, EDIT_TARGETS.get(case))
                name = "License API" if case == "license" else "generated"
                print(f"| {name} | {variants(case)} | {clock} | {ours:.3f} | {theirs:.3f} | {ratio:.3f} "
                      f"| {min(ratios):.2f} to {max(ratios):.2f} | {target} | {met} |")

    sizes = sorted({int(c) for c in cases if c != "license"})
    if rounds > 0 and len(sizes) >= 2:
        print()
        print(f"The cost of one more variant: least-squares slope of the medians over {sizes} variants.")
        print()
        print("| clock | error-catalog (ms a variant) | thiserror (ms a variant) | ratio |")
        print("| --- | ---: | ---: | ---: |")
        for clock in ("wall", "cpu"):
            ours = slope([(n, medians[(str(n), clock)][0]) for n in sizes]) * 1000
            theirs = slope([(n, medians[(str(n), clock)][1]) for n in sizes]) * 1000
            print(f"| {clock} | {ours:.3f} | {theirs:.3f} | {ours / theirs:.2f} |")

    counts = {}
    for line in open(instructions).read().splitlines():
        case, side, count = line.split("\t")
        counts[(case, side)] = int(count)
    if counts:
        print()
        print("Instructions of the enum crate's rustc after an edit (callgrind, incremental; the targets")
        print("are on the time of `cargo build`, these counts are the same build without the noise):")
        print()
        print("| enum | variants | error-catalog (M) | thiserror (M) | ratio |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for case in cases:
            if (case, "ours") not in counts or (case, "theirs") not in counts:
                continue
            ours, theirs = counts[(case, "ours")], counts[(case, "theirs")]
            ratio = ours / theirs
            name = "License API" if case == "license" else "generated"
            print(f"| {name} | {variants(case)} | {ours / 1e6:.1f} | {theirs / 1e6:.1f} | {ratio:.3f} |")
        have = [n for n in sizes if (str(n), "ours") in counts and (str(n), "theirs") in counts]
        if len(have) >= 2:
            ours = slope([(n, counts[(str(n), "ours")]) for n in have])
            theirs = slope([(n, counts[(str(n), "theirs")]) for n in have])
            print()
            print(f"One more variant, in instructions (slope over {have}): error-catalog {ours / 1e3:.0f} k, "
                  f"thiserror {theirs / 1e3:.0f} k, ratio {ours / theirs:.2f}.")

    clean_measures = [
        ("clean", "macro crate and its dependencies, from clean"),
        ("alone", "macro crate alone, its dependencies built"),
    ]
    if any(per_round(measure) for measure, _ in clean_measures):
        print()
        print("| measure | clock | error-catalog (s) | thiserror (s) | ratio | per round | target | met |")
        print("| --- | --- | ---: | ---: | ---: | --- | --- | --- |")
    for measure, name in clean_measures:
        rows = per_round(measure)
        for i, clock in enumerate(("wall", "cpu") if rows else ()):
            ours = median(r["ours"][i] for r in rows)
            theirs = median(r["theirs"][i] for r in rows)
            ratios = [r["ours"][i] / r["theirs"][i] for r in rows]
            ratio = median(ratios)
            target, met = target_cell(ratio, CLEAN_TARGET)
            print(f"| {name} | {clock} | {ours:.3f} | {theirs:.3f} "
                  f"| {ratio:.3f} | {min(ratios):.2f} to {max(ratios):.2f} | {target} | {met} |")
    if ("macro", "ours") in counts and ("macro", "theirs") in counts:
        ours, theirs = counts[("macro", "ours")], counts[("macro", "theirs")]
        print()
        print(f"Instructions of the macro crate's own rustc, its dependencies built (callgrind, not incremental): "
              f"error-catalog-macros, error-catalog-derive-core and error-catalog-rules {ours / 1e6:.0f} M, thiserror-impl {theirs / 1e6:.0f} M, ratio {ours / theirs:.2f}.")


if __name__ == "__main__":
    main()
