#!/usr/bin/env python3
"""Cross-check of `stochopt ntk-spectrum` at the paper's size with numpy's LAPACK (docs/ntk.md §6).

The Java command runs LAPACK through netlib's Java translation on this machine (no native LAPACK), which puts
n = 10^4 out of reach; numpy ships an optimised LAPACK. Same recipe as NtkGram/NtkSpectrum: n points uniform on
S^{d-1}, M' = M/2 distinct directions uniform on the sphere, ReLU, R = gamma = 1,
  K = (1/M') relu(XB) relu(XB)^T + (X X^T + 1) * (1/M') 1{XB>0} 1{XB>0}^T,
and the closed form k_a = (sin φ + (π − φ) cos φ)/(2πd), k_b = (cos φ + 1)(π − φ)/(2π); eigenvalues of K/n;
least-squares slope of log μ_i against log i over i in [2, n/2].
usage: scripts/ntk-spectrum-check.py d n M [seed]     e.g. scripts/ntk-spectrum-check.py 5 10000 20000
"""
import sys
import time
import numpy as np


def sphere(rng, n, d):
    x = rng.standard_normal((n, d))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def slope(mu):
    n = len(mu)
    i = np.arange(2, n // 2 + 1)
    return np.polyfit(np.log(i), np.log(mu[i - 1]), 1)[0]


def main():
    d, n, m = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    x = sphere(rng, n, d)
    t = time.time()
    c = np.clip(x @ x.T, -1, 1)
    phi = np.arccos(c)
    k = (np.sin(phi) + (np.pi - phi) * c) / (2 * np.pi * d) + (c + 1) * (np.pi - phi) / (2 * np.pi)
    del phi
    mu_inf = np.sort(np.linalg.eigvalsh(k / n))[::-1]
    del k
    t_inf = time.time() - t
    t = time.time()
    mp = m // 2
    ka = np.zeros((n, n))
    kb = np.zeros((n, n))
    for s in range(0, mp, 2000):
        b = sphere(rng, min(2000, mp - s), d)
        z = x @ b.T
        a = np.maximum(z, 0)
        ka += a @ a.T
        g = (z > 0).astype(np.float64)
        kb += g @ g.T
    k = ka / mp + (c + 1) * kb / mp
    del ka, kb
    mu_m = np.sort(np.linalg.eigvalsh(k / n))[::-1]
    t_m = time.time() - t
    beta = d / (d - 1)
    print("d=%d n=%d M=%d: -beta=%.3f  finite M: mu_1=%.4f slope %.3f (%.0f s)  closed form: mu_1=%.4f slope %.3f (%.0f s)"
          % (d, n, m, -beta, mu_m[0], slope(mu_m), t_m, mu_inf[0], slope(mu_inf), t_inf))


if __name__ == "__main__":
    main()
