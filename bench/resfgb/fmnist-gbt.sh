#!/usr/bin/env bash
# MLlib's gradient-boosted trees one-vs-rest on all Fashion-MNIST rows (54 000 train, 6 000
# validation held out as in ResFGB's runs, 10 000 test), in one `resfgb-compare` process with our
# models (docs/resfgb.md, "MLlib GBT one-vs-rest on all rows"). Prints a progress line per class, the
# accuracy after 1…T trees per class (gbt-curve.csv), the comparison table and `uptime` before
# and after. LAYERS=0 (default) runs only ResFGB's layer 0, our linear model, as the in-process
# anchor; LAYERS=6 also trains ResFGB's 6 blocks first (same flags as fmnist-compare.sh; the
# tuned block step 0.016 is given, which skips the probes and gives the same model bit for bit).
# MLP=1 adds the MLP curve of fmnist-compare.sh. GBT_MAX_SECONDS bounds the GBT's fit (a class is
# not started when it would end past it; a stopped GBT is reported without an accuracy).
# GBT_TREES=0 skips the GBT (e.g. LAYERS=6 GBT_TREES=0: ResFGB alone, for its time at the same load).
# Needs ~5 GiB of heap. Run `mvn -B -q -DskipTests package` first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${OUT:-$root/out/resfgb-fmnist-gbt}"
mlp=(--mlp-iter 0)
[ "${MLP:-0}" = 1 ] && mlp=(--mlp-hidden 384 --mlp-iter 400 --mlp-chunk 10 --mlp-max-seconds "${MLP_MAX_SECONDS:-1200}")
gbt=(--gbt-trees 0)
[ "${GBT_TREES:-15}" != 0 ] && gbt=(--gbt-trees "${GBT_TREES:-15}" --gbt-depth "${GBT_DEPTH:-5}" --gbt-step "${GBT_STEP:-0.3}"
  --gbt-subsample "${GBT_SUBSAMPLE:-1.0}" --gbt-max-seconds "${GBT_MAX_SECONDS:-0}")
echo "before: $(uptime)"
STOCHOPT_JAVA_OPTS="${STOCHOPT_JAVA_OPTS:--Xmx5g}" "$root/scripts/stochopt" resfgb-compare --data fmnist:all --train-rows "${ROWS:-0}" \
  --layers "${LAYERS:-0}" --resfgb-rule additive-ls --block-target head-span --block-output linear --block-epochs 6 --block-step 0.016 \
  --head-method local-katyusha --head-passes 30,5 --head-wr 1e-4 --resfgb-in-process-only "${mlp[@]}" \
  "${gbt[@]}" --master 'local[2]' --out "$out"
echo "after: $(uptime)"
