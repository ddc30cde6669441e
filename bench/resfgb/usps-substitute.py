#!/usr/bin/env python3
"""A USPS-shaped substitute made from Fashion-MNIST (docs/resfgb.md, "Official code's LIBSVM setups").

USPS (the official ResFGB code's `usps` setup) is 16x16 grey images, 256 features, 10 classes,
7 291 training and 2 007 test rows; it is not on this machine. This writes the first 7 291
Fashion-MNIST training images and the first 2 007 test images, each area-averaged from 28x28 to
16x16 (every output pixel the mean of the input area it covers, fractional overlaps weighted),
then MinMax-scaled per feature to [0, 1] with the training rows' min and max (the code's
preprocessing for usps), as LIBSVM files with labels 0..9.

usage: usps-substitute.py OUTDIR   (writes OUTDIR/train.libsvm and OUTDIR/test.libsvm)
"""
import gzip
import os
import sys

import numpy as np

SRC = "/usr/share/datasets/fashion-mnist"
N_TRAIN, N_TEST, SIDE = 7291, 2007, 16


def idx(name, header):
    with gzip.open(os.path.join(SRC, name)) as f:
        return np.frombuffer(f.read()[header:], dtype=np.uint8)


def area_matrix(n_in, n_out):
    """A (n_out x n_in): row i averages the input cells overlapping [i, i+1) * n_in / n_out."""
    a = np.zeros((n_out, n_in))
    w = n_in / n_out
    for i in range(n_out):
        lo, hi = i * w, (i + 1) * w
        for j in range(int(np.floor(lo)), int(np.ceil(hi))):
            a[i, j] = min(hi, j + 1) - max(lo, j)
    return a / w


def images(prefix, n):
    x = idx(prefix + "-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)[:n] / 255.0
    y = idx(prefix + "-labels-idx1-ubyte.gz", 8)[:n]
    a = area_matrix(28, SIDE)
    return np.einsum("ij,njk,lk->nil", a, x, a).reshape(n, SIDE * SIDE), y


def write(path, x, y):
    with open(path, "w") as f:
        for row, label in zip(x, y):
            nz = np.nonzero(row)[0]
            f.write(str(int(label)) + "".join(" %d:%.6g" % (j + 1, row[j]) for j in nz) + "\n")


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    x, y = images("train", N_TRAIN)
    xt, yt = images("t10k", N_TEST)
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    write(os.path.join(out, "train.libsvm"), (x - lo) / span, y)
    write(os.path.join(out, "test.libsvm"), (xt - lo) / span, yt)  # not clipped, as MinMaxScaler.transform
    print("wrote %s/train.libsvm (%d rows) and test.libsvm (%d rows), %d features" % (out, N_TRAIN, N_TEST, SIDE * SIDE))


if __name__ == "__main__":
    main()
