#!/usr/bin/python3
"""Extra metric-learn reference values for Tango's tests, beyond the shared reference runs.

Uses metric-learn's own classes on iris with the pairs the shared reference recorded for MMC_Supervised
(tests/Tango.Mahalanobis.Tests/Reference/metric-learn/iris__MMC_Supervised.json):
  * mmc_diagonal: M of MMC(diagonal=True) fitted on those pairs;
  * itml_thresholds: ITML fitted on those pairs, then calibrate_threshold on the same pairs with each strategy
    (accuracy; f_beta with beta 1 and 0.5; max_tpr and max_tnr with min_rate 0.8 and 0.95), and ITML's
    decision_function on them, so a port can check its calibration against the same scores;
  * itml_score: ROC AUC of ITML's decision function on the pairs (its `score`).

    PYTHONPATH=/path/to/metric-learn /usr/bin/python3 bench/compare/metric_learn_extra_ref.py REF_DIR OUT.json
"""
import json
import sys

import numpy as np
from sklearn.datasets import load_iris

import metric_learn
from metric_learn.constraints import wrap_pairs


def main():
    ref_dir, out = sys.argv[1], sys.argv[2]
    x, _ = load_iris(return_X_y=True)
    cons = json.load(open(f"{ref_dir}/iris__MMC_Supervised.json"))["constraints"]
    pairs, y = wrap_pairs(x, [np.array(cons[k]) for k in "abcd"])
    mmc = metric_learn.MMC(diagonal=True).fit(pairs, y)
    itml = metric_learn.ITML().fit(pairs, y)
    thresholds = {}
    for name, kwargs in [("accuracy", {}), ("f_beta_1", {"strategy": "f_beta", "beta": 1.0}),
                         ("f_beta_0.5", {"strategy": "f_beta", "beta": 0.5}),
                         ("max_tpr_0.8", {"strategy": "max_tpr", "min_rate": 0.8}),
                         ("max_tpr_0.95", {"strategy": "max_tpr", "min_rate": 0.95}),
                         ("max_tnr_0.8", {"strategy": "max_tnr", "min_rate": 0.8}),
                         ("max_tnr_0.95", {"strategy": "max_tnr", "min_rate": 0.95})]:
        itml.calibrate_threshold(pairs, y, **kwargs)
        thresholds[name] = float(itml.threshold_)
    result = {
        "metric_learn": metric_learn.__version__,
        "mmc_diagonal": {"mahalanobis": mmc.get_mahalanobis_matrix().tolist(), "n_iter_": None},
        "itml_thresholds": thresholds,
        "itml_decision_function": itml.decision_function(pairs).tolist(),
        "itml_score": float(itml.score(pairs, y)),
    }
    with open(out, "w") as f:
        json.dump(result, f)


if __name__ == "__main__":
    main()
