#!/usr/bin/python3
"""NumPy / pytorch-metric-learning side of `dotnet run -c Release --project bench/Tango.Benchmarks -- --data-table`.

Times, on the files the Tango side wrote into --dir, each operation once after one untimed warm-up run:
  npy_gz_read   np.load(gzip.open("mnist10k-images.npy.gz"))          (10000, 28, 28) uint8
  npy_read      np.load("corpus.npy")                                   (100000, 128) float32, 51 MB
  npy_write     np.save("py-out.npy", corpus)
  npy_write_fsync  the same written to a temporary name, fsync'ed and renamed, as Tango's atomic write does
  npy_gz_write  np.save(gzip.open("py-out.npy.gz", "wb", compresslevel=6), images)
  mperclass     list(MPerClassSampler(labels, m=4, batch_size=32, length_before_new_iter=100000))
and prints one JSON line of seconds. Usage:

    /usr/bin/python3 bench/compare/data_io.py --dir DIR --pml /path/to/pytorch-metric-learning
"""
import argparse
import gzip
import json
import os
import sys
import time

import numpy as np


def timed(fn):
    fn()
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--pml", required=True, help="a pytorch-metric-learning checkout (its src/ is imported)")
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(os.path.abspath(args.pml), "src"))
    from pytorch_metric_learning.samplers import MPerClassSampler

    d = args.dir
    images_gz = os.path.join(d, "mnist10k-images.npy.gz")
    corpus_path = os.path.join(d, "corpus.npy")
    labels = np.load(os.path.join(d, "mnist10k-labels.npy"))
    images = np.load(gzip.open(images_gz))
    corpus = np.load(corpus_path)

    def write_fsync():
        # What Tango's atomic write does: write, flush to disk, rename over the target.
        tmp = os.path.join(d, ".py-out-sync.npy.tmp")
        with open(tmp, "wb") as f:
            np.save(f, corpus)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, os.path.join(d, "py-out-sync.npy"))

    def gz_write():
        with gzip.open(os.path.join(d, "py-out.npy.gz"), "wb", compresslevel=6) as f:
            np.save(f, images)

    out = {
        "side": "numpy",
        "numpy": np.__version__,
        "npy_gz_read": timed(lambda: np.load(gzip.open(images_gz))),
        "npy_read": timed(lambda: np.load(corpus_path)),
        "npy_write": timed(lambda: np.save(os.path.join(d, "py-out.npy"), corpus)),
        "npy_write_fsync": timed(write_fsync),
        "npy_gz_write": timed(gz_write),
        "mperclass": timed(lambda: list(MPerClassSampler(labels, 4, batch_size=32, length_before_new_iter=100000))),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
