#!/usr/bin/env bash
# In-process sparse minibatch rounds: this tree against an older revision (default 8e43bf3, main
# just before the sparse rounds went onto the PartitionRunner, when in-process lazy steps read the
# rows directly), same command, alternating in one shell loop, with the load before each run
# (docs/performance.md, "O(nnz) steps for the one-step-per-round methods"). The older revision is
# built once in a scratch worktree (removed at the end unless KEEP_OLD=1). Prints per run: tree,
# method, method seconds (the summary's), process CPU seconds (user + sys, JVM start and data
# included), rounds, objective.
#
#   bench/sparse/inprocess-rounds.sh                      # METHODS="dasvrda katyusha svrg", 2 repeats
#   METHODS=sgd REPEATS=3 OLD_REV=8e43bf3 bench/sparse/inprocess-rounds.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
old_rev=${OLD_REV:-8e43bf3}
old=${OLD_TREE:-/tmp/stochopt-inprocess-rounds-$old_rev}
methods=${METHODS:-dasvrda katyusha svrg}
repeats=${REPEATS:-2}
data=${DATA:-hashtext:n=5000,d=262144,seed=1}
reg=${REG:-l2:2e-4}
out=${OUT:-out/inprocess-rounds}
mkdir -p "$out"
[ -f spark-jobs/target/stochopt-spark-jobs-0.1.0-SNAPSHOT.jar ] || mvn -B -o -q -pl spark-jobs -am -DskipTests package
if [ ! -d "$old" ]; then
  git worktree add --detach "$old" "$old_rev" >/dev/null
  (cd "$old" && mvn -B -o -q -pl spark-jobs -am -DskipTests package)
fi
cleanup() { [ "${KEEP_OLD:-0}" = 1 ] || git worktree remove --force "$old"; }
trap cleanup EXIT
run() { # tree-root label method
  local dir="$out/$2-$3"
  local load; load=$(uptime | sed 's/.*load average: //')
  /usr/bin/time -f "%U %S" -o "$dir.time" env STOCHOPT_JAVA_OPTS="-Xmx3g" nice -n 10 "$1/scripts/stochopt" train \
    --master=in-process --data="$data" --reg="$reg" --method="$3" -b 16 --target-suboptimality=1e-6 \
    --max-passes=200 --eval-every=5 --cache-dir="$out/cache" --overwrite --out="$dir" > "$dir.log" 2>&1 \
    || { echo "$2 $3 failed: $dir.log"; tail -5 "$dir.log"; return; }
  python3 - "$dir/summary.json" "$dir.time" "$2" "$load" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
user, system = open(sys.argv[2]).read().split()[-2:]
print(f"{sys.argv[3]:5s} {s['method']:9s} method {s['seconds']:6.2f} s  process CPU {float(user) + float(system):6.2f} s  "
      f"{s['rounds']} rounds  F={s['objective']!r}  load {sys.argv[4]}")
PY
}
# One untimed run per tree first: the launcher archives the classes of a new jar (AppCDS) on its first run.
for tree in "$root" "$old"; do
  STOCHOPT_JAVA_OPTS="-Xmx3g" "$tree/scripts/stochopt" train --master=in-process --data="$data" --reg="$reg" \
    --method=sgd -b 16 --max-passes=1 --cache-dir="$out/cache" --overwrite --out="$out/warm" > /dev/null 2>&1 || true
done
for m in $methods; do
  for r in $(seq 1 "$repeats"); do
    run "$root" new "$m"
    run "$old" old "$m"
  done
done
echo "load after: $(uptime)"
