#!/usr/bin/env bash
# Lazy O(nnz) steps against the dense steps (-Dstochopt.denseSteps=true) of one method, same data,
# same shell loop, alternating, with the load before and after each run (docs/performance.md,
# "Sparse, d ≫ n"). Prints one line per run: path, method seconds, rounds, passes, objective,
# relative suboptimality, stop reason.
#
#   bench/sparse/lazy-vs-dense.sh METHOD REG [REPEATS] [extra train flags...]
#   e.g. bench/sparse/lazy-vs-dense.sh dasvrda l2:2e-4 1 -b 16
set -euo pipefail
cd "$(dirname "$0")/../.."
method=$1; reg=$2; repeats=${3:-1}; shift $(( $# >= 3 ? 3 : $# ))
data=${DATA:-hashtext:n=5000,d=262144,seed=1}
target=${TARGET:-1e-6}
out=${OUT:-out/lazy-vs-dense}
mkdir -p "$out"
for r in $(seq 1 "$repeats"); do
  for path in lazy dense; do
    opts="-Xmx3g"; [ "$path" = dense ] && opts="$opts -Dstochopt.denseSteps=true"
    dir="$out/$method-${reg//[:,]/_}-$path-$r"
    echo "load before: $(uptime)"
    STOCHOPT_JAVA_OPTS="$opts" nice -n 10 scripts/stochopt train --master=in-process --data="$data" --reg="$reg" \
      --method="$method" --target-suboptimality="$target" --max-passes="${MAX_PASSES:-200}" --eval-every=5 \
      --cache-dir="$out/cache" --overwrite --out="$dir" "$@" > "$dir.log" 2>&1 || { echo "$path run failed: $dir.log"; tail -5 "$dir.log"; }
    python3 - "$dir/summary.json" "$path" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:5s} {s['method']} {s['regularizer']} b={s['batch_size']}: {s['seconds']:.2f} s, {s['rounds']} rounds, "
      f"{s['effective_passes']:.1f} passes, F={s['objective']:.15f}, rel. subopt {s['relative_suboptimality']:.2e}, "
      f"stop {s['stop_reason']}")
PY
  done
done
echo "load after: $(uptime)"
