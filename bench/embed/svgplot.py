"""A minimal SVG line chart (no plotting library on the build machine): panels of (x, y) series."""
import math

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


def _ticks(lo, hi, log):
    if log:
        a, b = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        out = []
        for e in range(a, b + 1):
            for m in (1, 2, 5):
                v = m * 10 ** e
                if lo <= v <= hi:
                    out.append(v)
        return out
    step = 10 ** math.floor(math.log10((hi - lo) or 1))
    while (hi - lo) / step > 8:
        step *= 2
    while (hi - lo) / step < 3:
        step /= 2
    v = math.ceil(lo / step) * step
    out = []
    while v <= hi + 1e-12:
        out.append(round(v, 10))
        v += step
    return out


def panel(series, title, xlabel, ylabel, xlog=False, ylog=False, legend_top=0.0, w=460, h=340, ox=0):
    """series: list of (label, [(x, y) or (x, y, error-bar half-width)], dashed: True, False or "points"); legend_top: legend position, a fraction of the plot
    height from its top. Returns SVG elements for one panel at x offset ox."""
    L, R, T, B = 60, 15, 30, 45
    xs = [p[0] for _, pts, _ in series for p in pts]
    ys = [p[1] + s * (p[2] if len(p) > 2 else 0) for _, pts, _ in series for p in pts for s in (-1, 1)]
    x0, x1 = min(xs), max(xs)
    y0, y1 = (min(ys), max(ys))
    if not ylog:
        y0 = min(0.0, y0)
        y1 = y1 * 1.05
    if x0 == x1:
        x1 = x0 + 1

    def fx(x):
        t = (math.log10(x) - math.log10(x0)) / (math.log10(x1) - math.log10(x0)) if xlog else (x - x0) / (x1 - x0)
        return ox + L + t * (w - L - R)

    def fy(y):
        t = (math.log10(y) - math.log10(y0)) / (math.log10(y1) - math.log10(y0)) if ylog else (y - y0) / (y1 - y0)
        return T + (1 - t) * (h - T - B)

    e = [f'<rect x="{ox + L}" y="{T}" width="{w - L - R}" height="{h - T - B}" fill="none" stroke="#444"/>',
         f'<text x="{ox + w / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">{title}</text>',
         f'<text x="{ox + (L + w - R) / 2}" y="{h - 8}" text-anchor="middle" font-size="12">{xlabel}</text>',
         f'<text x="{ox + 14}" y="{(T + h - B) / 2}" text-anchor="middle" font-size="12" '
         f'transform="rotate(-90 {ox + 14} {(T + h - B) / 2})">{ylabel}</text>']
    for t in _ticks(x0, x1, xlog):
        e.append(f'<line x1="{fx(t):.1f}" y1="{h - B}" x2="{fx(t):.1f}" y2="{h - B + 4}" stroke="#444"/>')
        e.append(f'<text x="{fx(t):.1f}" y="{h - B + 16}" text-anchor="middle" font-size="11">{t:g}</text>')
    for t in _ticks(y0, y1, ylog):
        e.append(f'<line x1="{ox + L - 4}" y1="{fy(t):.1f}" x2="{ox + L}" y2="{fy(t):.1f}" stroke="#444"/>')
        e.append(f'<line x1="{ox + L}" y1="{fy(t):.1f}" x2="{ox + w - R}" y2="{fy(t):.1f}" stroke="#ddd"/>')
        e.append(f'<text x="{ox + L - 6}" y="{fy(t) + 4:.1f}" text-anchor="end" font-size="11">{t:g}</text>')
    for i, (label, pts, dashed) in enumerate(series):
        c = COLORS[i % len(COLORS)]
        d = " ".join(f"{fx(p[0]):.1f},{fy(p[1]):.1f}" for p in sorted(pts))
        dash = ' stroke-dasharray="6,4"' if dashed is True else ""
        if dashed != "points":  # "points": a scatter, no line through the points
            e.append(f'<polyline points="{d}" fill="none" stroke="{c}" stroke-width="2"{dash}/>')
        for x, y, *err in pts:
            e.append(f'<circle cx="{fx(x):.1f}" cy="{fy(y):.1f}" r="3" fill="{c}"/>')
            if err and err[0] > 0:  # an error bar: y ± err[0]
                e.append(f'<line x1="{fx(x):.1f}" y1="{fy(y - err[0]):.1f}" x2="{fx(x):.1f}" y2="{fy(y + err[0]):.1f}" stroke="{c}"/>')
        ly = T + 14 + legend_top * (h - T - B) + 16 * i
        e.append(f'<line x1="{ox + w - R - 150}" y1="{ly - 4}" x2="{ox + w - R - 130}" y2="{ly - 4}" stroke="{c}" stroke-width="2"{dash}/>')
        e.append(f'<text x="{ox + w - R - 125}" y="{ly}" font-size="11">{label}</text>')
    return e


def write(path, panels, w=460, h=340):
    body = []
    for k, p in enumerate(panels):
        body += panel(*p, w=w, h=h, ox=k * w)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w * len(panels)}" height="{h}" font-family="sans-serif">'
           f'<rect width="100%" height="100%" fill="white"/>' + "".join(body) + "</svg>\n")
    with open(path, "w") as f:
        f.write(svg)
