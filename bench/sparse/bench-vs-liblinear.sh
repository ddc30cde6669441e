#!/usr/bin/env bash
# The in-process goal of issue 14 as its words put it — "in-process to 1e-6 no slower than
# liblinear-train -s 0 on the exported file, wall time including loading, in the same run"
# (docs/performance.md, "Sparse, d ≫ n", session 9): `stochopt bench --systems inprocess,liblinear
# --methods cocoa --partitions 1` on the files exported by bench/sparse/whole-process.sh, REPS times
# per size, each a fresh JVM. The in-process clock is load + set-up (the constants cocoa needs, its
# init, every evaluation of the trace) + method time to 1e-6; LIBLINEAR's is its process wall time
# (reading the file, the solve, writing its model), started once the bench's JVM is quiet. Prints
# each run's ratio line (from its bench.md) and `uptime` before and after.
#
# usage: bench/sparse/bench-vs-liblinear.sh [SIZE...]   SIZE = n:d:λ:reps (default: 5000:262144:2e-4:6
#        20000:524288:5e-5:3 100000:1048576:1e-5:2)
# env:   OUT (out/whole-process: where the exported files are), RESULTS (out/bench-vs-liblinear)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
OUT="${OUT:-out/whole-process}"
RESULTS="${RESULTS:-out/bench-vs-liblinear}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(5000:262144:2e-4:6 20000:524288:5e-5:3 100000:1048576:1e-5:2)
mkdir -p "$RESULTS"
echo "uptime: $(uptime)"
for size in "${sizes[@]}"; do
  IFS=: read -r n d lambda reps <<<"$size"
  data="$OUT/n$n-d$d/train.libsvm"
  [ -s "$data" ] || { echo "$data missing: run bench/sparse/whole-process.sh $n:$d first" >&2; exit 2; }
  for rep in $(seq 1 "$reps"); do
    out="$RESULTS/n$n-$rep"
    rm -rf "$out"
    scripts/stochopt bench --data "$data" --reg "l2:$lambda" --systems inprocess,liblinear --methods cocoa --partitions 1 \
      --max-passes 200 --liblinear-eps 1e-3 --out "$out" >"$out.log" 2>&1
    echo "n=$n rep=$rep: $(grep -A2 '^Ratios' "$out/bench.md" | tail -n 1)"
  done
done
echo "uptime: $(uptime)"
