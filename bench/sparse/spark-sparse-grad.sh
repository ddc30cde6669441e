#!/usr/bin/env bash
# Spark local[2]: sparse minibatch rounds (this code) against dense d-vector rounds
# (-Dstochopt.denseSteps=true: main's Spark path before the sparse rounds, code unchanged), same
# data, same shell loop, with the load before and after each run (docs/performance.md, "O(nnz) steps
# for the one-step-per-round methods"). For each method: the sparse run goes to the target; the dense
# run stops after DENSE_ROUNDS rounds (a dense round costs O(d) on the driver and in the messages,
# ≈ 15x longer here; set DENSE_ROUNDS=0 to run it to the target too), and its time to the target is
# then estimated as its mean round × the sparse run's rounds (both paths take the same iterates to
# 1e-12, so the same rounds). Then the bytes of one round's messages (bench/sparse/RoundMessages.java).
#
#   bench/sparse/spark-sparse-grad.sh            # METHODS="dasvrda svrg", b = 16
#   METHODS=katyusha DENSE_ROUNDS=0 bench/sparse/spark-sparse-grad.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
data=${DATA:-hashtext:n=5000,d=262144,seed=1}
reg=${REG:-l2:2e-4}
batch=${BATCH:-16}
target=${TARGET:-1e-6}
dense_rounds=${DENSE_ROUNDS:-300}
out=${OUT:-out/spark-sparse-grad}
mkdir -p "$out"
[ -f spark-jobs/target/stochopt-spark-jobs-0.1.0-SNAPSHOT.jar ] || mvn -B -o -q -pl spark-jobs -am -DskipTests package
report() {
  python3 - "$1/summary.json" "$2" "${3:-}" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
line = (f"{sys.argv[2]:6s} {s['method']} b={s['batch_size']}: {s['rounds']} rounds, {s['seconds']:.1f} s, "
        f"mean round {s['mean_round_ms']:.2f} ms (compute {s['mean_compute_ms']:.2f}), "
        f"rel. subopt {s['relative_suboptimality']:.2e}, stop {s['stop_reason']}")
if sys.argv[3]:
    r = int(open(sys.argv[3]).read())
    line += f"; est. time to target {s['mean_round_ms'] * r / 1000:.1f} s ({r} rounds)"
print(line)
PY
}
for method in ${METHODS:-dasvrda svrg}; do
  for path in sparse dense; do
    opts="-Xmx3g"; limit=()
    if [ "$path" = dense ]; then
      opts="$opts -Dstochopt.denseSteps=true"
      [ "$dense_rounds" -gt 0 ] && limit=(--max-rounds "$dense_rounds")
    fi
    dir="$out/$method-$path"
    echo "load before: $(uptime)"
    STOCHOPT_JAVA_OPTS="$opts" nice -n 10 scripts/stochopt train --master "local[2]" --data "$data" --reg "$reg" \
      --method "$method" -b "$batch" --target-suboptimality "$target" --max-passes "${MAX_PASSES:-200}" --eval-every 5 \
      --cache-dir "$out/cache" --overwrite --out "$dir" "${limit[@]}" > "$dir.log" 2>&1 \
      || { echo "$path run failed: $dir.log"; tail -5 "$dir.log"; continue; }
    if [ "$path" = sparse ]; then
      python3 -c "import json; print(json.load(open('$dir/summary.json'))['rounds'])" > "$out/$method.rounds"
      report "$dir" "$path"
    else
      report "$dir" "$path" "$([ ${#limit[@]} -gt 0 ] && echo "$out/$method.rounds")"
    fi
  done
done
java -cp core/target/stochopt-core-0.1.0-SNAPSHOT.jar:datasets/target/stochopt-datasets-0.1.0-SNAPSHOT.jar \
  bench/sparse/RoundMessages.java "$data" "$batch" "${PARTITIONS:-4}"
echo "load after: $(uptime)"
