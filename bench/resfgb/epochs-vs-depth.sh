#!/usr/bin/env bash
# Where ResFGB's time goes is the block fit (about 90 % of every layer on all rows). Is a block
# step better spent on fitting each block longer or on more blocks? Same number of block steps, on
# the first 10 000 Fashion-MNIST rows, in-process: 6 epochs x 3 layers against 3 epochs x 6 layers;
# prints each run's per-layer cumulative seconds and test accuracy, and `uptime` (docs/resfgb.md).
# A third run repeats the first with the block step fixed at the value the first run tuned (0.032):
# the tuning's cost, which is all in layer 1's block seconds.
# Run `mvn -B -q -DskipTests package` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/resfgb-epochs-vs-depth}"
for run in "6 3 auto" "3 6 auto" "6 3 0.032"; do
  set -- $run
  echo "epochs $1, layers $2, block step $3: $(uptime)"
  STOCHOPT_JAVA_OPTS=-Xmx3g "$root/scripts/stochopt" train --model resfgb --data fmnist:all --train-rows 10000 --layers "$2" \
    --resfgb-rule additive-ls --block-target head-span --block-output linear --block-epochs "$1" --block-step "$3" --head-method local-katyusha \
    --head-passes 30,5 --head-wr 1e-4 --seed 1 --master in-process --out "$out/e$1-l$2-$3" > "$out-e$1-l$2-$3.log" 2>&1
  cut -d, -f1,2,3,11,13 "$out/e$1-l$2-$3/trace.csv"
done
echo "end: $(uptime)"
