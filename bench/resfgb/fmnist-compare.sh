#!/usr/bin/env bash
# ResFGB against our linear model, MLlib's MLP and MLlib's GBT (one-vs-rest) on Fashion-MNIST, ten
# classes, in one process on the same rows (docs/resfgb.md, "All 60 000 rows"). Prints the
# per-layer trace, the comparison table and `uptime` before and after (times are only comparable
# within one run). ROWS=0 uses all 60 000 training rows (54 000 train, 6 000 validation), or set
# ROWS=N for the first N. Needs ~5 GiB of heap for all rows. Run `mvn -B -q -DskipTests package` first.
# GROW=N then grows the ResFGB run to N layers from its saved state (--resume-layers, a second
# process on the same rows, split and seed), as docs/resfgb.md did for layers 4 and beyond.
# The MLP is fitted in chunks of MLP_CHUNK L-BFGS iterations (warm-started, test accuracy after
# each; MLP_CHUNK=0: one fit of MLP_ITER) up to MLP_ITER iterations or MLP_MAX_SECONDS of fitting:
# out/…/mlp-curve.csv and time-accuracy.png put its curve and ResFGB's per-layer trace on one time
# axis, and the log's "ResFGB at depth …" line says what the MLP reached by ResFGB's time and when
# (if ever) it reached ResFGB's accuracy.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/resfgb-fmnist-compare}"
rows="${ROWS:-0}"
chunk="${MLP_CHUNK:-10}"
cap="${MLP_MAX_SECONDS:-2400}"
[ "$chunk" = 0 ] && cap=0   # one fit: no chunks to stop between
gbt=(--gbt-trees 0)   # GBT_TREES=0: no GBT (its other flags would be refused as inapplicable)
[ "${GBT_TREES:-2}" != 0 ] && gbt=(--gbt-trees "${GBT_TREES:-2}" --gbt-depth 3 --gbt-rows 5000)
echo "before: $(uptime)"
STOCHOPT_JAVA_OPTS="${STOCHOPT_JAVA_OPTS:--Xmx5g}" "$root/scripts/stochopt" resfgb-compare --data fmnist:all --train-rows "$rows" \
  --layers "${LAYERS:-6}" --resfgb-rule additive-ls --block-target head-span --block-output linear --block-epochs "${EPOCHS:-6}" \
  --head-method local-katyusha --head-passes 30,5 --head-wr 1e-4 --resfgb-in-process-only \
  --mlp-hidden "${MLP_HIDDEN:-384}" --mlp-iter "${MLP_ITER:-400}" --mlp-chunk "$chunk" --mlp-max-seconds "$cap" \
  "${gbt[@]}" \
  --master 'local[2]' --out "$out"
echo "after: $(uptime)"
if [ -n "${GROW:-}" ]; then
  STOCHOPT_JAVA_OPTS="${STOCHOPT_JAVA_OPTS:--Xmx5g}" "$root/scripts/stochopt" train --model resfgb --data fmnist:all --train-rows "$rows" \
    --layers "$GROW" --resfgb-rule additive-ls --block-target head-span --block-output linear --block-epochs "${EPOCHS:-6}" \
    --head-method local-katyusha --head-passes 30,5 --head-wr 1e-4 --partitions 4 --seed 1 \
    --master in-process --out "$out/resfgb-in-process" --resume-layers
  echo "after growing: $(uptime)"
fi
