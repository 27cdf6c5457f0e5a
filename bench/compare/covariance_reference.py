#!/usr/bin/python3
"""scikit-learn 1.2 reference values for Tango's graphical lasso and Ledoit-Wolf shrinkage.

graphical_lasso(S, alpha=0.01, cov_init=S0) on three random covariance matrices of growing size and scale (S0
is S with 1e-10 added to its eigenvalues, as metric-learn's SDML passes it), and ledoit_wolf_shrinkage on two
random samples (assume_centered=True, the samples already centred).

    /usr/bin/python3 bench/compare/covariance_reference.py OUT.json
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.covariance import graphical_lasso, ledoit_wolf_shrinkage


def main():
    rng = np.random.RandomState(0)
    lasso = []
    for p, scale in [(6, 1.0), (10, 100.0), (20, 1e4)]:
        a = rng.randn(p, 3 * p)
        s = a @ a.T / (3 * p) * scale
        w, v = np.linalg.eigh(s)
        s0 = (v * (w + 1e-10)) @ v.T
        _, precision = graphical_lasso(s, alpha=0.01, cov_init=s0)
        lasso.append({"p": p, "S": s.tolist(), "S0": s0.tolist(), "precision": precision.tolist()})
    shrink = []
    for n, d in [(30, 5), (12, 20)]:
        x = rng.randn(n, d) * np.linspace(0.5, 3, d)
        x -= x.mean(axis=0)
        shrink.append({"X": x.tolist(), "shrinkage": float(ledoit_wolf_shrinkage(x, assume_centered=True))})
    with open(sys.argv[1], "w") as f:
        json.dump({"sklearn": sklearn.__version__, "graphical_lasso": lasso, "ledoit_wolf": shrink}, f)


if __name__ == "__main__":
    main()
