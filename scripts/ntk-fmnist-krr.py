#!/usr/bin/env python3
"""Fashion-MNIST 7 vs 9 reference numbers for docs/ntk.md §10 (numpy only).

1. Geometry of the rows: mean cosine between rows and the share of the top direction of the second
   moment, for unit-norm rows and for centred unit-norm rows (the first 3000 training rows).
2. Kernel ridge regression with the exact infinite-width ReLU NTK (R = γ = 1, d = 784) on all 12 000
   unit-norm training rows, targets ±1 (squared loss), (K + nλI)α = y, test error on the 2000 test rows.
   Needs ≈ 5 GB and several minutes (818 s on a loaded 2-core machine).
usage: scripts/ntk-fmnist-krr.py [lambda]      (default 1e-5)
"""
import gzip
import sys
import time
import numpy as np

DIR = "/usr/share/datasets/fashion-mnist/"


def load(prefix):
    with gzip.open(DIR + prefix + "-images-idx3-ubyte.gz") as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784) / 255.0
    with gzip.open(DIR + prefix + "-labels-idx1-ubyte.gz") as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)
    keep = (y == 7) | (y == 9)
    return x[keep], np.where(y[keep] == 7, 1.0, -1.0)


def unit(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def ntk(a, b, d):
    c = np.clip(a @ b.T, -1, 1)
    phi = np.arccos(c)
    return (np.sin(phi) + (np.pi - phi) * c) / (2 * np.pi * d) + (c + 1) * (np.pi - phi) / (2 * np.pi)


def main():
    lam = float(sys.argv[1]) if len(sys.argv) > 1 else 1e-5
    xtr, ytr = load("train")
    xte, yte = load("t10k")
    for name, rows in (("unit", unit(xtr[:3000])), ("center-unit", unit(xtr[:3000] - xtr.mean(0)))):
        c = rows @ rows.T
        ev = np.linalg.eigvalsh(rows.T @ rows / len(rows))
        print("%s rows: mean cosine %.3f, top direction %.0f %% of the second moment"
              % (name, c[np.triu_indices(len(rows), 1)].mean(), 100 * ev[-1] / ev.sum()))
    t = time.time()
    a, b = unit(xtr), unit(xte)
    n = len(a)
    k = ntk(a, a, 784)
    k[np.diag_indices(n)] += n * lam
    alpha = np.linalg.solve(k, ytr)
    del k
    f = ntk(b, a, 784) @ alpha
    print("ReLU NTK kernel ridge, unit rows, lambda %g: test error %.4f (%.0f s)" % (lam, np.mean(np.sign(f) != yte), time.time() - t))


if __name__ == "__main__":
    main()
