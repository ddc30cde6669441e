#!/usr/bin/env bash
# CoCoA+ on hashed text (d = 2^18, n = 5000), in-process, against LIBLINEAR in the same shell loop
# (docs/performance.md, "Sparse, d ≫ n", CoCoA+ paragraph): L2 (auto → cocoa, one partition) vs
# `liblinear-train -s 0`; elastic net (auto → cocoa) against the OWL-QN optimum; pure L1 (cocoa, smoothed)
# vs `liblinear-train -s 6`, both scored with the same objective. Prints wall times, rounds, the
# certificates and `uptime` around each timing. Usage: bench/scripts/cocoa-wide-l2-en-l1.sh [OUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-out/cocoa-wide}
DATA=hashtext:n=5000,d=262144,seed=1
L1=1e-5
EN=elasticnet:2.1e-4,0.047619047619   # λ₁ = 1e-5, λ₂ = 2e-4
export STOCHOPT_JAVA_OPTS=${STOCHOPT_JAVA_OPTS:--Xmx3g}
mkdir -p "$OUT"
[ -f "$OUT/ex/train.libsvm" ] || scripts/stochopt export --data "$DATA" --out "$OUT/ex" >/dev/null
show() { python3 - "$1" <<'PY'
import json, sys
s = json.load(open(sys.argv[1] + "/summary.json"))
keys = ("method", "partitions", "rounds", "stop_reason", "duality_gap", "certified_relative_suboptimality",
        "relative_suboptimality", "nonzeros")
print("   ", {k: s.get(k) for k in keys})
PY
}
# F of a LIBLINEAR model on the same rows: (1/n) Σ log(1 + e^{−y wᵀx}) + λ₂/2‖w‖² + λ₁‖w‖₁ (no bias).
liblinear_f() { python3 - "$OUT/ex/train.libsvm" "$1" "$2" "$3" <<'PY'
import math, sys
data, model, l1, l2 = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
lines = open(model).read().split("\n")
start = lines.index("w") + 1
w = [float(x) for x in lines[start:] if x.strip()]
label0 = int(next(l for l in lines if l.startswith("label")).split()[1])  # LIBLINEAR's w scores its first label
loss, n = 0.0, 0
for row in open(data):
    parts = row.split()
    y = 1.0 if int(float(parts[0])) == label0 else -1.0
    z = sum(w[int(j) - 1] * float(v) for j, v in (p.split(":") for p in parts[1:]) if int(j) <= len(w))
    m = y * z
    loss += math.log1p(math.exp(-m)) if m > 0 else -m + math.log1p(math.exp(m))
    n += 1
print("    LIBLINEAR F = %.15g, nonzeros %d" % (loss / n + 0.5 * l2 * sum(x * x for x in w) + l1 * sum(abs(x) for x in w),
      sum(1 for x in w if x != 0)))
PY
}
t() { local s=$(date +%s.%N); "$@" >"$OUT/last.log" 2>&1; echo "    $(echo "$(date +%s.%N) - $s" | bc | xargs printf '%.2f') s wall: ${*:1:3} …"; }

echo "== L2 l2:2e-4, to gap 1e-6"; uptime
t liblinear-train -q -s 0 -c 1 -e 1e-4 "$OUT/ex/train.libsvm" "$OUT/ll-l2.model"
t scripts/stochopt train --master in-process --data "$OUT/ex/train.libsvm" --reg l2:2e-4 --no-reference \
  --target-suboptimality 1e-6 --out "$OUT/auto-l2" --overwrite
show "$OUT/auto-l2"
echo "== elastic net $EN (auto), to 1e-6 against OWL-QN's F*"; uptime
t scripts/stochopt train --master in-process --data "$DATA" --reg "$EN" --target-suboptimality 1e-6 \
  --out "$OUT/auto-en" --overwrite
show "$OUT/auto-en"
echo "== pure L1 l1:$L1, LIBLINEAR -s 6 vs cocoa (proximal subproblems; 300 rounds at most)"; uptime
C=$(python3 -c "print(1/($L1*5000))")
t liblinear-train -q -s 6 -c "$C" -e 1e-4 "$OUT/ex/train.libsvm" "$OUT/ll-l1.model"
liblinear_f "$OUT/ll-l1.model" "$L1" 0
t scripts/stochopt train --master in-process --data "$DATA" --reg "l1:$L1" --method cocoa --partitions 1 \
  --target-suboptimality 1e-6 --max-rounds 300 --max-passes 0 --out "$OUT/cocoa-l1" --overwrite
show "$OUT/cocoa-l1"
uptime
