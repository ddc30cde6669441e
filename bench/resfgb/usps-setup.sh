#!/usr/bin/env bash
# The official ResFGB code's `usps` setup (examples/experiment.py: MinMax inputs, classifier wr 1e-4 and
# 200 epochs, blocks (d, 1000, 1000, 1000, d) with wr 1e-4 and 100 epochs, fg_eta 1.0, max_iters 1, no
# validation split) on the USPS-shaped Fashion-MNIST substitute written by usps-substitute.py
# (docs/resfgb.md, "Official code's LIBSVM setups"). EPOCHS overrides the block epochs (the code's 100
# did not fit this machine's time; say so next to any number), BLOCK_HIDDEN the block widths. Prints `uptime`
# before and after.
# Run `mvn -B -q -DskipTests package` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/resfgb-usps-setup}"
python3 "$root/bench/resfgb/usps-substitute.py" "$out/data"
echo "before: $(uptime)"
STOCHOPT_JAVA_OPTS="${STOCHOPT_JAVA_OPTS:--Xmx3g}" "$root/scripts/stochopt" train --model resfgb \
  --data "$out/data/train.libsvm" --resfgb-test-data "$out/data/test.libsvm" --val-fraction 0 --no-best-iter \
  --layers 1 --resfgb-rule additive --fg-eta 1.0 --block-hidden "${BLOCK_HIDDEN:-1000,1000,1000}" --block-output tanh --block-target gradient \
  --block-epochs "${EPOCHS:-100}" --block-batch 100 --block-wr 1e-4 \
  --head-method local-katyusha --head-passes 200,200 --head-wr 1e-4 --seed 1 --master in-process --out "$out/run"
echo "after: $(uptime)"
