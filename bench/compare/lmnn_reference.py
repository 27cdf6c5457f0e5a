#!/usr/bin/python3
"""metric-learn's LMNN objective and gradient on iris, for checking Tango's objective exactly.

Runs metric-learn's own LMNN code (its _select_targets and _loss_grad) on iris at L = I and at a fixed random L,
and records the target neighbours it picked (numpy's quicksort breaks iris' many distance ties its own way, so
Tango, which breaks ties by index, is given these targets in the test), the objective, the number of active
constraints and the gradient.

    PYTHONPATH=/path/to/metric-learn /usr/bin/python3 bench/compare/lmnn_reference.py OUT.json
"""
import json
import sys

import numpy as np
from sklearn.datasets import load_iris

import metric_learn
from metric_learn.lmnn import _sum_outer_products


def main():
    x, y = load_iris(return_X_y=True)
    k, reg = 3, 0.5
    lmnn = metric_learn.LMNN(n_neighbors=k, regularization=reg)
    lmnn.labels_ = np.arange(3)
    targets = lmnn._select_targets(x, y)
    dfg = _sum_outer_products(x, targets.flatten(), np.repeat(np.arange(x.shape[0]), k))
    points = []
    rng = np.random.RandomState(0)
    for name, l in [("identity", np.eye(4)), ("random", np.eye(4) + 0.3 * rng.randn(4, 4))]:
        g, objective, active = lmnn._loss_grad(x, l, dfg, k, reg, targets, y)
        points.append({"name": name, "L": l.tolist(), "objective": float(objective), "active": int(active),
                       "gradient": g.tolist()})
    with open(sys.argv[1], "w") as f:
        json.dump({"metric_learn": metric_learn.__version__, "k": k, "regularization": reg,
                   "targets": targets.tolist(), "points": points}, f)


if __name__ == "__main__":
    main()
