#!/usr/bin/env bash
# Does fitting MLlib's MLP in warm-started chunks (resfgb-compare --mlp-chunk, used for its
# accuracy-vs-time curve) cost accuracy against one fit of the same iterations? The same MLP
# [784, 128, 10], 40 L-BFGS iterations, on the first 5 000 Fashion-MNIST rows: once in one fit,
# once in 4 chunks of 10 (docs/resfgb.md). ResFGB runs one cheap layer only because the command
# always trains it first. Prints both MLP lines and `uptime`. Run `mvn -B -q -DskipTests package` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/resfgb-mlp-chunk-check}"
for ch in 0 10; do
  echo "chunk $ch: $(uptime)"
  STOCHOPT_JAVA_OPTS=-Xmx2g "$root/scripts/stochopt" resfgb-compare --data fmnist:all --train-rows 5000 --layers 1 \
    --resfgb-rule additive-ls --block-target head-span --block-output linear --block-epochs 1 --head-method local-katyusha \
    --head-passes 10,3 --head-wr 1e-4 --resfgb-in-process-only --mlp-hidden 128 --mlp-iter 40 --mlp-chunk "$ch" --gbt-trees 0 \
    --master 'local[2]' --out "$out/c$ch" 2>&1 | grep 'MLP'
done
echo "end: $(uptime)"
