#!/usr/bin/env python3
"""Predicted excess risk of averaged SGD in the NTK regime on the circle (d = 2), for the ntk-rate settings.

Used by docs/ntk.md §7 to explain the measured learning curves. Needs numpy only.

On S^1 every rotation-invariant kernel k(φ) has the Fourier modes as eigenfunctions, with eigenvalue
mu_j = (1/2π) ∫ k(|θ|) cos(jθ) dθ (twice for j ≥ 1). The ReLU NTK closed forms (d = 2, unit x):
    k_a(φ) = (sin φ + (π − φ) cos φ) / (4π),      k_b(φ) = R² (cos φ + γ²)(π − φ) / (2π).
g_ρ = mean of the target kernel's eigenfunctions 3..12, so each of its 10 unit modes has coefficient 0.1.
In the linearised (kernel) regime, averaged SGD with constant step η, pull λ and T steps from g = 0 acts on a
mode of the trained kernel with eigenvalue mu as the filter
    θ_t = θ* (1 − q^t),  θ* = c mu/(mu + λ),  q = 1 − η(mu + λ),  θ̄ = mean over t = 0..T,
so the bias is Σ (c − θ̄)²; the noise adds σ² Σ_j (mu_j/(mu_j + λ))² / T. λ = T^(−β/(2rβ+1)), η = 1/(4(6 + λ)).
This is the population (expected-gradient) recursion: it ignores the network's finite width, the swish-vs-ReLU
kernel difference and the gradient noise of single samples, so it predicts the measured curves approximately.

usage: scripts/ntk-rate-prediction.py [R gamma target] [T1,T2,...]
  e.g. scripts/ntk-rate-prediction.py 1 1 output 500,2000,8000,32000,128000
"""
import sys
import numpy as np


def eigenvalues(k, th, count=200):
    return np.array([np.trapezoid(k * np.cos(j * th), th) / (2 * np.pi) for j in range(count)])


def sorted_modes(mu):
    modes = [(mu[0], 0)] + [(mu[j], j) for j in range(1, len(mu)) for _ in range(2)]
    return sorted(modes, key=lambda t: -t[0])


def excess(mu_trained, freqs, T, r=1.0, beta=2.0, sigma=0.1):
    lam = T ** (-beta / (2 * r * beta + 1))
    eta = 1 / (4 * (6 + lam))
    bias = 0.0
    for f in freqs:
        m = mu_trained[f]
        q = 1 - eta * (m + lam)
        s = (1 - q ** (T + 1)) / (1 - q)
        bias += 0.01 * (1 - m / (m + lam) * (1 - s / (T + 1))) ** 2
    all_mu = np.concatenate([[mu_trained[0]], np.repeat(mu_trained[1:], 2)])
    return bias + sigma ** 2 * np.sum((all_mu / (all_mu + lam)) ** 2) / T


def main():
    R = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    gamma = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    target = sys.argv[3] if len(sys.argv) > 3 else "output"
    Ts = [int(t) for t in sys.argv[4].split(",")] if len(sys.argv) > 4 else [500, 2000, 8000, 32000, 128000]
    th = np.linspace(-np.pi, np.pi, 200001)
    phi = np.abs(th)
    mu_a = eigenvalues((np.sin(phi) + (np.pi - phi) * np.cos(phi)) / (4 * np.pi), th)
    mu_b = eigenvalues(R * R * (np.cos(phi) + gamma * gamma) * (np.pi - phi) / (2 * np.pi), th)
    kernels = {"output": mu_a, "input": mu_b, "both": mu_a + mu_b}
    freqs = [f for _, f in sorted_modes(kernels[target])[2:12]]
    print("g_rho: frequencies", freqs)
    print("  target-kernel eigenvalues", " ".join("%.2e" % kernels[target][f] for f in freqs))
    print("T," + ",".join(str(t) for t in Ts) + ",fitted slope")
    for name in ("both", "output", "input"):
        row = np.array([excess(kernels[name], freqs, T) for T in Ts])
        slope = np.polyfit(np.log(Ts), np.log(row), 1)[0]
        print(name + "," + ",".join("%.4f" % v for v in row) + ",%.3f" % slope)


if __name__ == "__main__":
    main()
