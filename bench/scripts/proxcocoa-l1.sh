#!/usr/bin/env bash
# ProxCoCoA+ (`--method proxcocoa`, feature-partitioned primal CoCoA+) on pure L1 logistic regression over
# hashed text (d = 2^18, n = 5000, l1:1e-5), in-process with one partition, against `liblinear-train -s 6`
# on the exported file, to the same relative suboptimality, in one shell loop with `uptime` around the timings
# (docs/performance.md, "Sparse, d ≫ n", "ProxCoCoA+ for L1"). Steps:
#   1. (untimed) a proxcocoa run with the OWL-QN reference: F* and the relative suboptimality of every round;
#   2. LIBLINEAR -s 6 -e 1e-4, whole process; its model scored with the same objective → rel. subopt r_LL;
#   3. proxcocoa without the reference, --max-rounds R (R = the first round at or below r_LL in step 1), whole
#      process, and its own method time (summary.json "seconds") — scored against F* as well.
# Steps 2–3 run REPEATS times (default 3), interleaved. Optional: SPARK=1 adds proxcocoa on local[2]
# against MLlib's L1 (OWL-QN) in one `stochopt bench` session. Usage: bench/scripts/proxcocoa-l1.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-out/proxcocoa-l1}
DATA=hashtext:n=5000,d=262144,seed=1
L1=${L1:-1e-5}
REPEATS=${REPEATS:-3}
export STOCHOPT_JAVA_OPTS=${STOCHOPT_JAVA_OPTS:--Xmx3g}
mkdir -p "$OUT"
[ -f "$OUT/ex/train.libsvm" ] || scripts/stochopt export --data "$DATA" --out "$OUT/ex" >/dev/null
now() { date +%s.%N; }
secs() { echo "$2 - $1" | bc | xargs printf '%.2f'; }

echo "== 1. reference run (untimed): proxcocoa P = 1 with the OWL-QN optimum"
scripts/stochopt train --master in-process --data "$OUT/ex/train.libsvm" --reg "l1:$L1" --method proxcocoa --partitions 1 \
  --target-suboptimality 1e-7 --max-rounds 100 --max-passes 0 --out "$OUT/ref" --overwrite >"$OUT/ref.log" 2>&1
FSTAR=$(python3 -c "import json; print(json.load(open('$OUT/ref/summary.json'))['reference_objective'])")
echo "   F* = $FSTAR"

# F of a LIBLINEAR model on the same rows: (1/n) Σ log(1 + e^{−y wᵀx}) + λ₁‖w‖₁ (no bias), and its rel. subopt.
liblinear_rel() { python3 - "$OUT/ex/train.libsvm" "$1" "$L1" "$FSTAR" <<'PY'
import math, sys
data, model, l1, fstar = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
lines = open(model).read().split("\n")
w = [float(x) for x in lines[lines.index("w") + 1:] if x.strip()]
label0 = int(next(l for l in lines if l.startswith("label")).split()[1])  # LIBLINEAR's w scores its first label
loss, n = 0.0, 0
for row in open(data):
    parts = row.split()
    y = 1.0 if int(float(parts[0])) == label0 else -1.0
    m = y * sum(w[int(j) - 1] * float(v) for j, v in (p.split(":") for p in parts[1:]) if int(j) <= len(w))
    loss += math.log1p(math.exp(-m)) if m > 0 else -m + math.log1p(math.exp(m))
    n += 1
f = loss / n + l1 * sum(abs(x) for x in w)
print("%.3e %d" % ((f - fstar) / fstar, sum(1 for x in w if x != 0)))
PY
}
# The first round of the reference run at or below a relative suboptimality.
rounds_to() { python3 - "$OUT/ref/trace.csv" "$1" <<'PY'
import csv, sys
for r in csv.DictReader(open(sys.argv[1])):
    if r["relative_suboptimality"] and float(r["relative_suboptimality"]) <= float(sys.argv[2]):
        print(r["rounds"]); break
else:
    print(100)
PY
}
C=$(python3 -c "print(1/($L1*5000))")
for rep in $(seq 1 "$REPEATS"); do
  echo "== 2/3. repeat $rep"; uptime
  s=$(now); liblinear-train -q -s 6 -c "$C" -e 1e-4 "$OUT/ex/train.libsvm" "$OUT/ll.model"; e=$(now)
  read -r LLREL LLNNZ < <(liblinear_rel "$OUT/ll.model")
  R=$(rounds_to "$LLREL")
  echo "   liblinear-train -s 6 -e 1e-4: $(secs "$s" "$e") s wall, rel. subopt $LLREL, $LLNNZ nonzeros"
  s=$(now)
  scripts/stochopt train --master in-process --data "$OUT/ex/train.libsvm" --reg "l1:$L1" --method proxcocoa --partitions 1 \
    --no-reference --max-rounds "$R" --max-passes 0 --out "$OUT/run" --overwrite >"$OUT/run.log" 2>&1
  e=$(now)
  python3 - "$OUT/run/summary.json" "$FSTAR" "$(secs "$s" "$e")" "$R" <<'PY'
import json, sys
s = json.load(open(sys.argv[1])); fstar = float(sys.argv[2])
print("   proxcocoa P = 1, %s rounds: %s s wall, %.2f s in rounds, rel. subopt %.3e, certified gap %.2e, %d nonzeros"
      % (sys.argv[4], sys.argv[3], s["seconds"], (s["objective"] - fstar) / fstar, s["duality_gap"], s["nonzeros"]))
PY
  uptime
done
if [ "${SPARK:-0}" = 1 ]; then
  echo "== local[2]: proxcocoa (P = 2) against MLlib L1 (OWL-QN), one stochopt bench session"; uptime
  scripts/stochopt bench --data "$OUT/ex/train.libsvm" --reg "l1:$L1" --methods proxcocoa --partitions 2 --systems spark,mllib \
    --targets 1e-2,1e-4,1e-5 --max-passes 400 --mllib-max-iter 300 --out "$OUT/bench-local2" >"$OUT/bench.log" 2>&1 || true
  cat "$OUT/bench-local2/bench.md" 2>/dev/null || tail -5 "$OUT/bench.log"
  uptime
fi
