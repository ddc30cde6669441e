#!/usr/bin/env python3
"""docs/img/embed/link-tradeoff.svg from out/embed/link-*/summary.json (bench/embed/run-experiments.sh link)."""
import json, os, sys
sys.path.insert(0, os.path.dirname(__file__))
import svgplot

root = sys.argv[1] if len(sys.argv) > 1 else "out/embed"
out = sys.argv[2] if len(sys.argv) > 2 else "docs/img/embed/link-tradeoff.svg"


def load(name):
    p = os.path.join(root, name, "summary.json")
    return json.load(open(p)) if os.path.exists(p) else None


size = []
for seed, dashed in [("1", False), ("3", True)]:
    for geo in ["euclidean", "poincare"]:
        pts = []
        for f in ["0.02", "0.05", "0.1", "0.25", "0.5", "1.0"]:
            s = load(f"link-{geo}-r0-f{f}-s{seed}")
            if s:
                pts.append((s["training_examples"], s["link_error"]))
        if pts:
            size.append((f"{geo}, seed {seed}", pts, dashed))
dot = [(s["training_examples"], s["link_error"]) for s in
       (load(f"link-euclidean-dot-r0-f{f}-s1") for f in ["0.02", "0.05", "0.1", "0.25", "0.5", "1.0"]) if s]
if dot:
    size.append(("euclidean dot, seed 1", dot, False))
bound = []
for f, dashed in [("0.05", True), ("1.0", False)]:
    for geo in ["euclidean", "poincare"]:
        pts = []
        for rb, x in [("1", 1), ("2", 2), ("4", 4), ("0", 8)]:
            s = load(f"link-{geo}-r{rb}-f{f}-s1")
            if s:
                pts.append((x, s["link_error"]))
        n = load(f"link-{geo}-r0-f{f}-s1")
        bound.append((f"{geo}, {n['training_examples'] if n else '?'} edges", pts, dashed))
svgplot.write(out, [
    (size, "held-out error vs training edges (no bound)", "training edges (log)", "held-out pairwise error", True, False),
    (bound, "held-out error vs radius bound", "radius bound (8 = none)", "held-out pairwise error", True, False, 0.52),
])
print("wrote", out)
