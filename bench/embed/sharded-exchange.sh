#!/usr/bin/env bash
# Sharded all-nouns throughput, before/after the partition-to-partition exchange (docs/embeddings.md,
# "All nouns"): the sharded loop of BEFORE (a built checkout whose sharded step routed rows through
# the driver) against this checkout's (PartitionRunner.exchange), in-process and on local[2], with the
# driver-held sparse loop of this checkout as the peer measured in the same shell loop.
# Usage: [REPS=2] BEFORE=/path/to/old/checkout bench/embed/sharded-exchange.sh [seconds]   (both checkouts built:
# mvn -B -o -q -DskipTests package -pl spark-jobs -am). The jars are copied first, so rebuilding a
# checkout during the runs changes nothing. Prints one line per run and the load; outputs in out/embed/exchange/.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-40}
out=out/embed/exchange
mkdir -p "$out"
freeze() { # checkout name: copy its jars and classpath into $out/jars-name
  local d=$out/jars-$2; rm -rf "$d"; mkdir -p "$d"
  cp "$1"/spark-jobs/target/stochopt-spark-jobs-*-SNAPSHOT.jar "$1"/core/target/stochopt-core-*-SNAPSHOT.jar \
    "$1"/datasets/target/stochopt-datasets-*-SNAPSHOT.jar "$d"/
  local cp; cp=$(ls "$d"/*.jar | grep -v cluster | tr '\n' ':')
  tr ':' '\n' < "$1"/spark-jobs/target/launcher.classpath | grep '\.m2' | tr '\n' ':' > "$d/m2.classpath"
  echo "$cp$(cat "$d/m2.classpath")" > "$d/classpath"
  cp "$1"/spark-jobs/target/jvm.options "$1"/spark-jobs/target/log4j2.properties "$d"/
}
[[ -n ${BEFORE:-} ]] && freeze "$BEFORE" before
freeze . after
run() { # jars master aggregation
  local d=$out/jars-$1 name=$1-${2//[^a-z0-9]/}-$3
  nice -n 10 java $(cat "$d/jvm.options") -Xmx3g -Dlog4j2.configurationFile="$d/log4j2.properties" -cp "$(cat "$d/classpath")" \
    org.stochopt.cli.StochoptMain train --model embedding --data wordnet:nouns --geometry poincare --dim 10 --epochs 1 \
    --max-seconds "$secs" --batch-size 500 --negatives 10 --eval-every-epochs 100 --eval-nodes 200 --aggregation "$3" \
    --master "$2" --partitions 2 --out "$out/$name" > "$out/$name.log" 2>&1 || echo "$name failed (see $out/$name.log)"
  python3 - "$out/$name/summary.json" "$name" "$(uptime | sed 's/.*load average: //')" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{sys.argv[2]:32s} {s['examples_per_second']:9.0f} edges/s  {s['rounds']:6d} rounds  {s['steps']:6d} steps  "
      f"{s['seconds']:6.1f} s  mean rank {s['mean_rank']:.1f}  load {sys.argv[3]}")
PY
}
for rep in $(seq "${REPS:-1}"); do  # REPS=2: each triple twice, alternating, against drifting load
  for master in in-process 'local[2]'; do
    [[ -n ${BEFORE:-} ]] && run before "$master" sharded
    run after "$master" sharded
    run after "$master" sparse
  done
done | tee -a "$out/results.txt"
