#!/usr/bin/env python3
"""Markdown tables of out/embed/*/summary.json (docs/embeddings.md)."""
import json, glob, os, sys
root = sys.argv[1] if len(sys.argv) > 1 else "out/embed"
def load(name):
    p = os.path.join(root, name, "summary.json")
    return json.load(open(p)) if os.path.exists(p) else None
print("| geometry | d = 2 | d = 5 | d = 10 | d = 20 |")
print("|---|---|---|---|---|")
for geo in ["poincare", "lorentz", "euclidean"]:
    cells = []
    for d in [2, 5, 10, 20]:
        s = load(f"mammal-{geo}-d{d}")
        cells.append(f"{s['mean_rank']:.2f} / {s['map']:.3f}" if s else "–")
    print(f"| {geo} | " + " | ".join(cells) + " |")
print()
print("| geometry | d | mean rank | MAP | max radius | running loss, epoch 150 → 200 | seconds |")
print("|---|---|---|---|---|---|---|")
for geo in ["poincare", "lorentz", "euclidean"]:
    for d in [2, 5, 10, 20]:
        s = load(f"mammal-{geo}-d{d}")
        if s:
            rows = open(os.path.join(root, f"mammal-{geo}-d{d}", "trace.csv")).read().strip().splitlines()
            a, b = float(rows[-2].split(",")[4]), float(rows[-1].split(",")[4])
            print(f"| {geo} | {d} | {s['mean_rank']:.2f} | {s['map']:.3f} | {s['max_radius']:.2f} | {a:.3f} → {b:.3f} | {s['seconds']:.1f} |")
print()
print("| run | master | aggregation | examples/s | rounds | seconds | mean rank (200 nodes) | MAP |")
print("|---|---|---|---|---|---|---|---|")
for name in ["nouns-inprocess-sparse", "nouns-inprocess-dense", "nouns-spark-sparse", "nouns-spark-sharded", "nouns-spark-dense"]:
    s = load(name)
    if s: print(f"| {name} | {s['master']} | {s['aggregation']} | {s['examples_per_second']:.0f} | {s['rounds']} | {s['seconds']:.1f} | {s['mean_rank']:.1f} | {s['map']:.3f} |")
print()
print("| train fraction | training edges (seen nodes) | euclidean (lr) | poincare (lr) | error ratio E / P | seed 3: euclidean | seed 3: poincare |")
print("|---|---|---|---|---|---|---|")
for f in ["0.02", "0.05", "0.1", "0.25", "0.5", "1.0"]:
    e, p = load(f"link-euclidean-r0-f{f}-s1"), load(f"link-poincare-r0-f{f}-s1")
    e3, p3 = load(f"link-euclidean-r0-f{f}-s3"), load(f"link-poincare-r0-f{f}-s3")
    if e and p:
        s3 = f"{e3['link_error']:.4f} | {p3['link_error']:.4f}" if e3 and p3 else "– | –"
        print(f"| {f} | {e['training_examples']} ({e.get('seen_nodes', '?')}) | {e['link_error']:.4f} ({e['step']:g}, r {e['max_radius']:.1f}) | "
              f"{p['link_error']:.4f} ({p['step']:g}, r {p['max_radius']:.1f}) | {e['link_error'] / p['link_error']:.1f} | {s3} |")
print()
print("| train fraction | training edges | euclidean, dot score (lr) | euclidean, distance | poincare |")
print("|---|---|---|---|---|")
for f in ["0.02", "0.05", "0.1", "0.25", "0.5", "1.0"]:
    x, e, p = load(f"link-euclidean-dot-r0-f{f}-s1"), load(f"link-euclidean-r0-f{f}-s1"), load(f"link-poincare-r0-f{f}-s1")
    if x and e and p:
        print(f"| {f} | {x['training_examples']} | {x['link_error']:.4f} ({x['step']:g}) | {e['link_error']:.4f} | {p['link_error']:.4f} |")
print()
print("| train fraction | radius bound | euclidean | poincare |")
print("|---|---|---|---|")
for f in ["0.05", "1.0"]:
    for rb in ["1", "2", "4", "0"]:
        e, p = load(f"link-euclidean-r{rb}-f{f}-s1"), load(f"link-poincare-r{rb}-f{f}-s1")
        if e and p:
            print(f"| {f} | {'none' if rb == '0' else rb} | {e['link_error']:.4f} (r {e['max_radius']:.1f}) | {p['link_error']:.4f} (r {p['max_radius']:.1f}) |")
print()
print("| geometry | train fraction | lr 0.01 | lr 0.03 | lr 0.1 | lr 0.3 |")
print("|---|---|---|---|---|---|")
for geo in ["euclidean", "poincare"]:
    for f in ["0.02", "0.05", "0.1", "0.25", "0.5", "1.0"]:
        cells = []
        for lr in ["0.01", "0.03", "0.1", "0.3"]:
            g = load(f"grid/link-{geo}-lr{lr}-f{f}")
            skipped = f not in ("0.05", "1.0") and ((geo == "euclidean" and lr == "0.3") or (geo == "poincare" and lr == "0.01"))
            cells.append(f"{g['link_error']:.4f}" if g else "not run" if skipped else "diverged")
        print(f"| {geo} | {f} | " + " | ".join(cells) + " |")
print()
print("| d | lorentz: held-out accuracy (max radius) | euclidean: held-out accuracy (max radius) | error ratio euclidean / lorentz | seed 3: lorentz / euclidean |")
print("|---|---|---|---|---|")
for d in [2, 3, 5]:
    l, e = load(f"ordinal-lorentz-d{d}"), load(f"ordinal-euclidean-d{d}")
    if l and e:
        ratio = (1 - e["ordinal_accuracy"]) / (1 - l["ordinal_accuracy"])
        l3, e3 = load(f"ordinal-lorentz-d{d}-s3"), load(f"ordinal-euclidean-d{d}-s3")
        s3 = f"{l3['ordinal_accuracy']:.4f} / {e3['ordinal_accuracy']:.4f}" if l3 and e3 else "–"
        print(f"| {d} | {l['ordinal_accuracy']:.4f} ({l['max_radius']:.2f}) | {e['ordinal_accuracy']:.4f} ({e['max_radius']:.2f}) | {ratio:.2f} | {s3} |")
print()
print("| geometry | step | margin | held-out accuracy, seed 2 (max radius) |")
print("|---|---|---|---|")
for geo in ["lorentz", "euclidean"]:
    for m in ["0.1", "1"]:
        for lr in ["0.01", "0.1"]:
            g = load(f"grid/ordinal-{geo}-d2-lr{lr}-m{m}")
            if g:
                print(f"| {geo} | {lr} | {m} | {g['ordinal_accuracy']:.4f} ({g['max_radius']:.2f}) |")
print()
print("| run (-Xmx3g) | examples/s | rounds | seconds | peak RSS of the JVM (GiB) |")
print("|---|---|---|---|---|")
for name in ["nouns-heap-in-process-sparse", "nouns-heap-in-process-dense", "nouns-heap-local2-sparse", "nouns-heap-local2-dense"]:
    s = load(f"heap/{name}")
    t = os.path.join(root, "heap", name + ".time")
    if s and os.path.exists(t):
        rss = [l for l in open(t) if "Maximum resident set size" in l][0].split(":")[1]
        print(f"| {name[11:]} | {s['examples_per_second']:.0f} | {s['rounds']} | {s['seconds']:.1f} | {int(rss) / 2**20:.2f} |")
