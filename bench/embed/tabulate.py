#!/usr/bin/env python3
"""Markdown tables of out/embed/*/summary.json (docs/embeddings.md)."""
import json, glob, os, sys
root = sys.argv[1] if len(sys.argv) > 1 else "out/embed"
def load(name):
    p = os.path.join(root, name, "summary.json")
    return json.load(open(p)) if os.path.exists(p) else None
print("| geometry | d | mean rank | MAP | max radius | examples/s | seconds |")
print("|---|---|---|---|---|---|---|")
for geo in ["poincare", "lorentz", "euclidean"]:
    for d in [2, 5, 10, 20]:
        s = load(f"mammal-{geo}-d{d}")
        if s: print(f"| {geo} | {d} | {s['mean_rank']:.2f} | {s['map']:.3f} | {s['max_radius']:.2f} | {s['examples_per_second']:.0f} | {s['seconds']:.1f} |")
print()
print("| run | master | aggregation | examples/s | rounds | seconds | mean rank (200 nodes) | MAP |")
print("|---|---|---|---|---|---|---|---|")
for name in ["nouns-inprocess-sparse", "nouns-inprocess-dense", "nouns-spark-sparse", "nouns-spark-sharded", "nouns-spark-dense"]:
    s = load(name)
    if s: print(f"| {name} | {s['master']} | {s['aggregation']} | {s['examples_per_second']:.0f} | {s['rounds']} | {s['seconds']:.1f} | {s['mean_rank']:.1f} | {s['map']:.3f} |")
print()
print("| train fraction | training edges | poincare | euclidean | poincare, radius ≤ 3 |")
print("|---|---|---|---|---|")
for f in ["0.1", "0.3", "1.0"]:
    row = []
    n = None
    for geo in ["poincare", "euclidean", "poincare-r3"]:
        s = load(f"link-{geo}-f{f}")
        if s:
            n = s["training_examples"]
            row.append(f"{s['link_error']:.4f} (r_max {s['max_radius']:.1f})")
        else:
            row.append("–")
    print(f"| {f} | {n} | " + " | ".join(row) + " |")
print()
print("| geometry | d | held-out ordinal accuracy | max radius | seconds |")
print("|---|---|---|---|---|")
for geo in ["lorentz", "euclidean"]:
    for d in [2, 5]:
        s = load(f"ordinal-{geo}-d{d}")
        if s: print(f"| {geo} | {d} | {s['ordinal_accuracy']:.4f} | {s['max_radius']:.2f} | {s['seconds']:.1f} |")
