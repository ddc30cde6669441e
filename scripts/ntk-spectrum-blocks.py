#!/usr/bin/env python3
"""Staircase-aware decay of an ntk-spectrum run: the eigenvalues of a dot-product kernel on S^{d-1} come in
blocks of spherical harmonics of degree k (multiplicity N(d, k)), so instead of a least-squares line through
all sorted eigenvalues, fit log(geometric mean of block k) against log(C_k), C_k = N(d,0) + ... + N(d,k) the
index at the block's end, over the blocks with 1 <= k and C_k <= n/2. Asymptotically mu_k ~ k^-d and
C_k ~ k^(d-1), so the slope tends to -beta = -d/(d-1).
    scripts/ntk-spectrum-blocks.py out/ntk-spectrum-10k/spectrum.csv"""
import csv, math, sys
from collections import defaultdict

def mult(d, k):
    if k == 0:
        return 1
    return (2 * k + d - 2) * math.comb(k + d - 3, k - 1) // k

def fit(xs, ys):
    m = len(xs); sx = sum(xs); sy = sum(ys)
    sxx = sum(x * x for x in xs); sxy = sum(x * y for x, y in zip(xs, ys))
    return (m * sxy - sx * sy) / (m * sxx - sx * sx) if m >= 2 else float("nan")

runs = defaultdict(list)
for r in csv.DictReader(open(sys.argv[1])):
    runs[(int(r["d"]), r["kernel"])].append(float(r["eigenvalue"]))
for (d, kernel), mu in sorted(runs.items()):
    n = len(mu); start = 1; k = 0; pts = []
    while True:
        end = start + mult(d, k) - 1
        if end > n // 2:
            break
        if k >= 1:
            block = [v for v in mu[start - 1:end] if v > 0]
            pts.append((math.log(end), sum(math.log(v) for v in block) / len(block)))
        start = end + 1; k += 1
    print(f"d={d} {kernel}: {len(pts)} blocks (k=1..{len(pts)}, last ends at i={round(math.exp(pts[-1][0])) if pts else 0}), "
          f"block slope {fit([p[0] for p in pts], [p[1] for p in pts]):.3f}, from k>=2 {fit([p[0] for p in pts[1:]], [p[1] for p in pts[1:]]):.3f}, -beta {-d / (d - 1):.3f}")
