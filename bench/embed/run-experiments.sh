#!/usr/bin/env bash
# The experiments of docs/embeddings.md (short runs for a loaded, shared 2-core machine).
# Usage: bench/embed/run-experiments.sh [mammal|nouns|link|all]  (outputs under out/embed/)
set -euo pipefail
cd "$(dirname "$0")/../.."
what=${1:-all}
S=${STOCHOPT:-scripts/stochopt}
if [[ $what == mammal || $what == all ]]; then
  for geo in poincare lorentz euclidean; do
    lr=0.3; [[ $geo == euclidean ]] && lr=0.02
    for d in 2 5 10 20; do
      $S train --model embedding --data wordnet:mammal.n.01 --geometry $geo --dim $d --epochs 40 --burnin 5 \
        --step $lr --batch-size 50 --negatives 10 --eval-every-epochs 20 --master in-process --seed 1 \
        --out out/embed/mammal-$geo-d$d 2>&1 | tail -2
    done
  done
fi
if [[ $what == nouns || $what == all ]]; then
  for agg in sparse dense; do
    $S train --model embedding --data wordnet:nouns --geometry poincare --dim 10 --epochs 1 --max-seconds 40 \
      --batch-size 500 --negatives 10 --eval-every-epochs 100 --eval-nodes 200 --aggregation $agg --master in-process \
      --partitions 2 --out out/embed/nouns-inprocess-$agg 2>&1 | tail -2
  done
  for agg in sparse sharded dense; do
    $S train --model embedding --data wordnet:nouns --geometry poincare --dim 10 --epochs 1 --max-seconds 40 \
      --batch-size 500 --negatives 10 --eval-every-epochs 100 --eval-nodes 200 --aggregation $agg --master 'local[2]' \
      --partitions 2 --out out/embed/nouns-spark-$agg 2>&1 | tail -2
  done
fi
if [[ $what == link || $what == all ]]; then
  for frac in 0.1 0.3 1.0; do
    for geo in poincare euclidean poincare-r3; do
      g=${geo%-r3}; lr=0.3; [[ $g == euclidean ]] && lr=0.02
      rb=0; [[ $geo == poincare-r3 ]] && rb=3
      $S train --model embedding --data wordnet:mammal.n.01 --geometry $g --dim 5 --epochs 30 --burnin 5 --step $lr \
        --test-fraction 0.2 --train-fraction $frac --radius-bound $rb --eval-every-epochs 30 --master in-process --seed 1 \
        --out out/embed/link-$geo-f$frac 2>&1 | tail -2
    done
  done
fi
if [[ $what == ordinal || $what == all ]]; then
  for geo in lorentz euclidean; do
    for d in 2 5; do
      $S train --model embedding --task ordinal --data wordnet:mammal.n.01 --geometry $geo --dim $d --comparisons 40000 \
        --epochs 20 --step 0.05 --batch-size 64 --margin 0.1 --init-scale 0.1 --eval-every-epochs 10 --master in-process --seed 1 \
        --out out/embed/ordinal-$geo-d$d 2>&1 | tail -2
    done
  done
fi
