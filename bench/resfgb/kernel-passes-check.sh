#!/usr/bin/env bash
# Is the random-feature model in the deep-vs-kernel study limited by its head fit? Same cell
# (n = 2000: 1600 fit + 400 validation rows, seed 1, D = 8208 as in the study, σ 0.25x-0.5x, wr 1 and
# 0.01 × 1/n_t), head passes 30 (the study's) against 150; prints training, validation and test error
# per (σ, wr) and `uptime` (docs/resfgb.md). Run `mvn -B -q -DskipTests package` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/kernel-passes}"
for p in 30 150; do
  echo "head passes $p: $(uptime)"
  STOCHOPT_JAVA_OPTS=-Xmx3g nice -n 10 "$root/scripts/stochopt" resfgb-kernel-study --sizes 2000 --test-rows 2000 --layers 1 \
    --resfgb-rule additive-ls --block-hidden 32,32 --block-init 0.3 --block-epochs 2 --block-batch 50 --head-method svrg \
    --head-passes "$p",10 --val-fraction 0.2 --rf-bandwidth 0.25x,0.35x,0.5x --rf-wr 1,0.01 --rff-features 8208 --seed 1 \
    --out "$out/p$p" > "$out-p$p.log" 2>&1
  cut -d, -f3,5,6,7,8,9 "$out/p$p/bandwidths.csv" | column -s, -t
done
echo "end: $(uptime)"
