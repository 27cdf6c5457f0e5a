#!/usr/bin/python3
"""Records the per-class local scales sigma that metric-learn's LFDA actually uses.

metric-learn 0.7.0 computes sigma = sqrt(np.partition(dist, k, axis=0)[:, k]): the partially sorted column k of
the class's distance matrix (in numpy's introselect order), not the distance of each point to its k-th
neighbour that Sugiyama (2007) defines. Tango implements the paper's local scaling; to still test the rest of
its LFDA against metric-learn's matrices, this script runs metric-learn's own LFDA.fit and records the sigma
vectors it passes to np.outer, per class (the fit is otherwise unchanged, so its M equals the reference M).

    PYTHONPATH=/path/to/metric-learn /usr/bin/python3 bench/compare/lfda_local_scales.py OUT.json

Datasets: iris and digits_std (digits without its 3 constant pixels, z-scored), as in the metric-learn reference.
"""
import json
import sys

import numpy as np
from sklearn.datasets import load_digits, load_iris

import metric_learn


def dataset(name):
    if name == "iris":
        return load_iris(return_X_y=True)
    x, y = load_digits(return_X_y=True)
    x = np.asarray(x, dtype=np.float64)
    x = x[:, x.std(axis=0) > 0]
    return (x - x.mean(axis=0)) / x.std(axis=0), y


def record(name):
    x, y = dataset(name)
    sizes = set(np.bincount(y).tolist())
    captured = []
    real_outer = np.outer

    def spy(a, b, *args, **kwargs):
        if a is b and len(a) in sizes:
            captured.append(np.array(a, dtype=np.float64).tolist())
        return real_outer(a, b, *args, **kwargs)

    np.outer = spy
    try:
        metric_learn.LFDA().fit(x, y)
    finally:
        np.outer = real_outer
    return {"sigma_per_class": captured}


def main():
    out = {"metric_learn": metric_learn.__version__, "datasets": {d: record(d) for d in ("iris", "digits_std")}}
    with open(sys.argv[1], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
