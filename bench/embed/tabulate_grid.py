#!/usr/bin/env python3
"""The logistic-loss trade-off on the 33 × 33 lattice (docs/embeddings.md, "A graph without hierarchy"):
held-out error, mean ± sd over the reported seeds at the seed-2 grid step, who wins (paired by seed),
and docs/img/embed/link-logistic-grid.svg, from out/embed/logit-grid/ (run-experiments.sh grid-logistic)."""
import json, os, statistics, sys
sys.path.insert(0, os.path.dirname(__file__))
import svgplot

root = sys.argv[1] if len(sys.argv) > 1 else "out/embed/logit-grid"
out = sys.argv[2] if len(sys.argv) > 2 else "docs/img/embed/link-logistic-grid.svg"
SIZES = os.environ.get("GRID_SIZES", "0.05 0.1 0.25 0.5 1").split()
RADII = os.environ.get("GRID_RADII", "1 4").split()
SEEDS = os.environ.get("LOGIT_SEEDS", "1 3 4").split()
MODELS = [("poincare", "Poincaré"), ("euclidean", "Euclidean distance")]
LRS = {"euclidean": ["0.001", "0.003", "0.01", "0.03", "0.1", "0.3"], "poincare": ["0.003", "0.01", "0.03", "0.1", "0.3", "1"]}


def load(path):
    p = os.path.join(root, path, "summary.json")
    return json.load(open(p)) if os.path.exists(p) else None


def best_lr(m, f, r):
    best = None
    for lr in LRS[m]:
        g = load(f"grid/{m}-f{f}-R{r}-lr{lr}")
        if g and g["link_error"] is not None and (best is None or g["link_error"] < best[0]):
            best = (g["link_error"], lr)
    return best[1] if best else None


def cell(m, f, r):
    lr = best_lr(m, f, r)
    runs = [load(f"{m}-f{f}-R{r}-lr{lr}-s{s}") for s in SEEDS]
    if lr is None or any(x is None for x in runs):
        return None
    errs = [x["link_error"] for x in runs]
    return (statistics.mean(errs), statistics.stdev(errs) if len(errs) > 1 else 0.0, errs, lr,
            statistics.mean(x["max_radius"] for x in runs), runs[0]["training_examples"],
            statistics.mean(x["map"] for x in runs))


def verdict(a, b):
    d = [x - y for x, y in zip(a[2], b[2])]
    return "Poincaré" if all(v < 0 for v in d) else "Euclidean" if all(v > 0 for v in d) else "tie"


print(f"seeds {' '.join(SEEDS)}; held-out pairwise error, mean ± sd (grid step; max radius reached)")
print()
print("| train fraction (edges) | R | Poincaré | Euclidean distance | winner (every seed) |")
print("|---|---|---|---|---|")
rows = {}
for f in SIZES:
    for r in RADII:
        cs = [cell(m, f, r) for m, _ in MODELS]
        if any(c is None for c in cs):
            continue
        rows[(f, r)] = cs
        txt = [f"{c[0]:.3f} ± {c[1]:.3f} ({c[3]}; {c[4]:.2f})" for c in cs]
        print(f"| {f} ({cs[0][5]}) | {r} | " + " | ".join(txt) + f" | {verdict(*cs)} |")
print()
print("seed-2 grid (held-out error per step):")
for m, _ in MODELS:
    for f in SIZES:
        line = []
        for r in RADII:
            vals = []
            for lr in LRS[m]:
                g = load(f"grid/{m}-f{f}-R{r}-lr{lr}")
                vals.append(f"{g['link_error']:.3f}" if g else "div" if os.path.exists(os.path.join(root, f"grid/{m}-f{f}-R{r}-lr{lr}/diverged")) else "–")
            line.append(f"R{r}: " + "/".join(vals))
        print(f"  {m} f{f}: " + "; ".join(line))
panels = []
for r in RADII:
    series = []
    for i, (m, name) in enumerate(MODELS):
        pts = [(rows[(f, r)][i][5], rows[(f, r)][i][0], rows[(f, r)][i][1]) for f in SIZES if (f, r) in rows]
        if pts:
            series.append((name, pts, False))
    if series:
        panels.append((series, f"33 × 33 lattice, radius bound R = {r}", "training edges (log)", "held-out error", True, False, 0.0))
if panels:
    svgplot.write(out, panels, w=400, h=320)
    print("wrote", out)
