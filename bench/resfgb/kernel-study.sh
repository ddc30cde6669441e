#!/usr/bin/env bash
# Deep vs kernel on the anisotropic target (docs/resfgb.md): ResFGB (depth chosen on validation)
# against random Fourier features at the same parameter count (σ and the head's wr chosen on the same
# validation split), several seeds; prints the per-n summary (test errors mean/sd, wall seconds of
# both learners: ResFGB's one run, the kernel model's chosen fit and its whole grid), the fitted
# slopes ± sd over seeds, and `uptime` before and after (the wall times are from one process, one
# cell after the other, so their ratio is the comparison; absolute seconds are load-dependent).
# SIZES, SEEDS, TEST_ROWS, OUT override the documented run. Run `mvn -B -q -DskipTests package` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/kernel-study-tuned}"
echo "start: $(date -u) $(uptime)"
STOCHOPT_JAVA_OPTS=-Xmx3g nice -n 10 "$root/scripts/stochopt" resfgb-kernel-study --sizes "${SIZES:-250,500,1000,2000,4000,8000}" \
  --test-rows "${TEST_ROWS:-5000}" --layers 10 --resfgb-rule additive-ls --block-hidden 32,32 --block-init 0.3 --block-epochs 20 \
  --block-batch 50 --head-method svrg --head-passes 30,10 --val-fraction 0.2 --rf-bandwidth 0.125x,0.25x,0.35x,0.5x,0.7x,1x \
  --rf-wr 1,0.01 --seed 1 --seeds "${SEEDS:-3}" --out "$out"
echo "end: $(date -u) $(uptime)"
column -s, -t < "$out/summary.csv"
column -s, -t < "$out/slopes.csv"
