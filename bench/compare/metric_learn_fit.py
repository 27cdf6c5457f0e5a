#!/usr/bin/python3
"""Fit time of every Mahalanobis learner, metric-learn (from a source checkout) beside Tango, on the same arrays.

For each dataset (iris, digits, a synthetic 5,000 x 50 10-class set) and learner, the two sides run in
alternation, each in its own process (so each one's peak memory is its own): metric-learn through this script's
--worker mode, Tango through `Tango.Benchmarks --maha-table`. Both take the library defaults except the iteration
caps in CAPS (the same cap on both sides); both time `repeats` fits, wall clock and CPU time of all the
process's threads (the fairer figure on a machine shared with other jobs). Tango first fits once,
untimed, on <=300 rows so that JIT compilation is not timed (Python's import is not timed either).

    /usr/bin/python3 bench/compare/metric_learn_fit.py /path/to/metric-learn \
        "dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll" OUT_DIR [datasets] [learners]
"""
import json
import os
import resource
import shlex
import subprocess
import sys
import time

import numpy as np

LEARNERS = ["Covariance", "LFDA", "NCA", "MLKR", "LMNN", "ITML_Supervised", "MMC_Supervised", "RCA_Supervised",
            "LSML_Supervised", "SDML_Supervised", "SCML_Supervised"]
# Iteration caps where metric-learn's defaults would take many minutes on this shared 2-core machine.
CAPS = {"digits": {"MLKR": 100, "LMNN": 100},
        "synth": {"NCA": 10, "MLKR": 10, "LMNN": 10, "SCML_Supervised": 2000},
        "synth20k": {"NCA": 3, "LMNN": 3}}
REPEATS = {"iris": 3, "digits": 1, "synth": 1, "synth20k": 1}


def dataset(name):
    from sklearn.datasets import load_digits, load_iris, make_classification
    if name == "iris":
        return load_iris(return_X_y=True)
    if name == "digits":
        return load_digits(return_X_y=True)
    n = 5000 if name == "synth" else 20000
    return make_classification(n_samples=n, n_features=50, n_informative=30, n_redundant=10, n_classes=10,
                               n_clusters_per_class=1, random_state=0)


def make(ml, name, cap):
    kw = {} if cap is None else {"max_iter": cap}
    if name == "LMNN" and cap is not None:
        kw["min_iter"] = min(50, cap)
    if name in ("Covariance", "LFDA", "RCA_Supervised", "SDML_Supervised"):
        kw = {}
    return getattr(ml, name)(**kw)


def worker(ml_path, x_path, y_path, name, cap, repeats):
    sys.path.insert(0, ml_path)
    import metric_learn as ml
    x, y = np.load(x_path), np.load(y_path)
    times, cpu = [], []
    try:
        for _ in range(repeats):
            m = make(ml, name, cap)
            t, c = time.perf_counter(), time.process_time()
            m.fit(x, y)
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        out = {"seconds": times, "cpu_seconds": cpu}
    except Exception as e:  # metric-learn's own failure modes are part of the table
        out = {"error": f"{type(e).__name__}: {str(e)[:80]}"}
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    lines = [l for l in p.stdout.splitlines() if l.startswith("{")]
    if p.returncode != 0 or not lines:
        err = p.stderr.strip().splitlines() or ["?"]
        first = next((l for l in err if "Exception:" in l), err[-1])
        return {"error": first.split("Exception:", 1)[-1].strip()[:80]}
    return json.loads(lines[-1])


def main():
    if sys.argv[1] == "--worker":
        _, _, ml_path, x_path, y_path, name, cap, repeats = sys.argv
        worker(ml_path, x_path, y_path, name, None if cap == "-" else int(cap), int(repeats))
        return
    ml_path, tango, out_dir = sys.argv[1], shlex.split(sys.argv[2]), sys.argv[3]
    names = sys.argv[4].split(",") if len(sys.argv) > 4 else ["iris", "digits", "synth"]
    learners = sys.argv[5].split(",") if len(sys.argv) > 5 else LEARNERS
    os.makedirs(out_dir, exist_ok=True)
    print(f"# {os.uname().nodename}, load average {os.getloadavg()}", flush=True)
    for dname in names:
        x, y = dataset(dname)
        xp, yp = f"{out_dir}/{dname}_x.npy", f"{out_dir}/{dname}_y.npy"
        np.save(xp, x.astype(np.float64))
        np.save(yp, y.astype(np.int64))
        for i, name in enumerate(learners):
            cap = CAPS.get(dname, {}).get(name)
            reps = REPEATS[dname]
            ml_cmd = [sys.executable, __file__, "--worker", ml_path, xp, yp, name, "-" if cap is None else str(cap),
                      str(reps)]
            t_cmd = tango + ["--maha-table", "--x", xp, "--y", yp, "--learner", name, "--repeats", str(reps)]
            t_cmd += [] if cap is None else ["--max-iter", str(cap)]
            # Alternate which side goes first, so drifting machine load does not favour one.
            if dname == "synth20k":
                # metric-learn's NCA and LMNN build dense n x n float64 matrices (3.2 GB each at n = 20,000, several
                # at once): not run on a shared machine; this row is Tango's memory scaling.
                a, b = {"error": "not run: dense 20k x 20k matrices"}, run(t_cmd)
            elif i % 2 == 0:
                a, b = run(ml_cmd), run(t_cmd)
            else:
                b, a = run(t_cmd), run(ml_cmd)
            row = {"dataset": dname, "n": len(y), "d": x.shape[1], "learner": name, "cap": cap,
                   "metric_learn": a, "tango": b, "load": os.getloadavg()[0]}
            print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
