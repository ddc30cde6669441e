#!/usr/bin/env bash
# Whole-process comparison for issue 14 ("Sparse, d ≫ n" in docs/performance.md): on exported
# hashtext: LIBSVM files, `liblinear-train -s 0` against `stochopt train --method cocoa
# --partitions 1` in-process, each timed as a whole process (JVM start, reading the file, the
# solve, writing the outputs), alternately REPS times, with `uptime` before and after each size.
# Both models are then scored by bench/sparse/ObjectiveOf.java (no stochopt code) against a common
# F*: the objective of a cocoa run to a certified duality gap ≤ 1e-10·D(α) (so F* is known to
# ±1e-10 relative; its certified lower bound is printed too; computed once per file and reused).
#
# usage: bench/sparse/whole-process.sh [SIZE...]    SIZE = n:d  (default: 5000:262144 20000:524288 100000:1048576)
# env:   REPS (3), LL_EPS (LIBLINEAR -e, 1e-3: the largest of 1e-2, 1e-3, 1e-4 whose model is within
#        1e-6 of F* on these files; the script says when it is not), TARGET (stochopt --target-suboptimality, 1e-6),
#        OUT (out/whole-process), JAVA_HEAP (-Xmx3g)
# λ = 1/n (LIBLINEAR -c 1). The exported files are reused when present.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
REPS="${REPS:-3}"
LL_EPS="${LL_EPS:-1e-3}"
TARGET="${TARGET:-1e-6}"
OUT="${OUT:-out/whole-process}"
export STOCHOPT_JAVA_OPTS="${JAVA_HEAP:--Xmx3g}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000:262144 20000:524288 100000:1048576)
command -v liblinear-train >/dev/null || { echo "liblinear-train not on PATH" >&2; exit 2; }
mkdir -p "$OUT"
timed() { # label, command...: prints "label wall user sys"
  local label="$1"; shift
  local t; t="$(mktemp)"
  /usr/bin/time -f "%e %U %S" -o "$t" "$@" >/dev/null 2>&1 || { echo "$label FAILED:" >&2; cat "$t" >&2; rm -f "$t"; return 1; }
  echo "$label $(cat "$t")"
  rm -f "$t"
}
json() { sed -n "s/^  \"$2\" : \\(.*\\),\$/\\1/p" "$1"; }
for size in "${sizes[@]}"; do
  n="${size%%:*}"; d="${size##*:}"
  lambda="$(python3 -c "print(repr(1/$n))")"
  dir="$OUT/n$n-d$d"
  data="$dir/train.libsvm"
  if [ ! -s "$data" ]; then
    mkdir -p "$dir"
    scripts/stochopt export --data "hashtext:n=$n,d=$d,seed=1" --out "$dir/export" >&2
    mv "$dir/export/train.libsvm" "$data"
  fi
  echo "== n=$n d=$d λ=1/n=$lambda file=$data ($(du -h "$data" | cut -f1))"
  train=(scripts/stochopt train --master in-process --data "$data" --reg "l2:$lambda" --method cocoa --partitions 1 --no-reference)
  # F*: cocoa to a certified gap of 1e-10 (also warms the page cache and builds the launcher's CDS archive).
  if [ ! -s "$dir/fstar/summary.json" ]; then
    "${train[@]}" --target-suboptimality 1e-10 --max-rounds 300 --out "$dir/fstar" --overwrite >"$dir/fstar.log" 2>&1
  else
    "${train[@]}" --target-suboptimality "$TARGET" --out "$dir/cocoa" --overwrite >/dev/null 2>&1 # warm-up, not timed
  fi
  fstar="$(json "$dir/fstar/summary.json" objective)"
  gap="$(json "$dir/fstar/summary.json" duality_gap)"
  echo "F* = $fstar (certified: F* ≥ F − gap = $(python3 -c "print(repr($fstar - $gap))"), gap $gap)"
  echo "uptime: $(uptime)"
  echo "system rep wall_s user_s sys_s"
  pairs="$(mktemp)"
  for rep in $(seq 1 "$REPS"); do
    timed "liblinear-train -s 0 -c 1 -e $LL_EPS; $rep" liblinear-train -s 0 -c 1 -e "$LL_EPS" "$data" "$dir/liblinear.model" | tee -a "$pairs"
    timed "stochopt train --method cocoa --partitions 1 --target-suboptimality $TARGET; $rep" \
      "${train[@]}" --target-suboptimality "$TARGET" --out "$dir/cocoa" --overwrite | tee -a "$pairs"
  done
  echo "uptime: $(uptime)"
  # stochopt / LIBLINEAR within each alternating pair: process wall time, and user + sys CPU.
  awk '{w[NR] = $(NF-2); c[NR] = $(NF-1) + $NF}
    END {for (i = 2; i <= NR; i += 2) printf "pair %d: stochopt/LIBLINEAR wall %.2fx, CPU %.2fx\n", i / 2, w[i] / w[i-1], c[i] / c[i-1]}' "$pairs"
  rm -f "$pairs"
  java bench/sparse/ObjectiveOf.java "$data" "$lambda" "$dir/liblinear.model" "$dir/cocoa/weights.csv" | while read -r f model; do
    rel="$(python3 -c "print('%.2e' % (($f - $fstar) / $fstar))")"
    above="$(python3 -c "print(' — ABOVE the target $TARGET: not a valid comparison' if $rel > $TARGET else '')")"
    echo "objective $f  relative suboptimality $rel  ($model)$above"
  done
  echo "stochopt's own summary: rounds $(json "$dir/cocoa/summary.json" rounds), solver seconds $(json "$dir/cocoa/summary.json" seconds),"\
    "certified relative suboptimality $(json "$dir/cocoa/summary.json" certified_relative_suboptimality)"
done
