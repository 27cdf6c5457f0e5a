#!/usr/bin/python3
"""faiss side of `dotnet run -c Release --project bench/Tango.Benchmarks -- --knn-table`.

Builds faiss IndexFlatIP or IndexIVFFlat (IndexFlatIP quantizer, METRIC_INNER_PRODUCT) on the .npy corpus the Tango
side wrote, searches every query once after a 100-query warm-up, and prints one JSON line: build and search
seconds, queries per second, 10-recall@10 against the exact top 10 (--gt, written by Tango's FlatIndex run) and
the peak resident memory of this process. Needs Debian's python3-faiss:

    apt-get install -y -o DPkg::Lock::Timeout=600 python3-faiss
    /usr/bin/python3 bench/compare/faiss_knn.py --index flat --corpus C.npy --queries Q.npy [--k 10] [--gt GT.npy]
    /usr/bin/python3 bench/compare/faiss_knn.py --index ivf --nlist 1024 --nprobe 8,32 [--threads 1] ...
"""
import argparse
import json
import os
import resource
import sys
import time

# --threads caps OpenMP and the BLAS behind faiss's flat search; it must be set before they load.
if "--threads" in sys.argv:
    _threads = sys.argv[sys.argv.index("--threads") + 1]
    for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[_var] = _threads

import faiss  # noqa: E402
import numpy as np  # noqa: E402


def recall(ids, gt_path):
    if not gt_path or not os.path.exists(gt_path):
        return float("nan")
    gt = np.load(gt_path)
    k = gt.shape[1]
    found = sum(len(np.intersect1d(ids[i, :k], gt[i])) for i in range(gt.shape[0]))
    return found / gt.size


def timed_search(index, queries, k):
    index.search(queries[:100], k)
    t0 = time.perf_counter()
    _, ids = index.search(queries, k)
    return ids, time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", choices=["flat", "ivf"], required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--queries", required=True)
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--gt", default="")
    ap.add_argument("--nlist", type=int, default=1024)
    ap.add_argument("--nprobe", default="8,32")
    ap.add_argument("--threads", type=int, default=0, help="0: faiss's default (all cores)")
    args = ap.parse_args()
    if args.threads > 0:
        faiss.omp_set_num_threads(args.threads)

    corpus = np.ascontiguousarray(np.load(args.corpus, mmap_mode="r"), dtype=np.float32)
    queries = np.ascontiguousarray(np.load(args.queries), dtype=np.float32)
    d = corpus.shape[1]
    out = {"side": "faiss", "index": args.index, "n": int(corpus.shape[0]), "faiss": faiss.__version__,
           "threads": faiss.omp_get_max_threads()}
    t0 = time.perf_counter()
    if args.index == "flat":
        index = faiss.IndexFlatIP(d)
        index.add(corpus)
        out["build_s"] = time.perf_counter() - t0
        ids, seconds = timed_search(index, queries, args.k)
        out.update(search_s=seconds, qps=len(queries) / seconds, recall=recall(ids, args.gt))
    else:
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, args.nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(corpus)
        out["train_s"] = time.perf_counter() - t0
        index.add(corpus)
        out["build_s"] = time.perf_counter() - t0
        for p in (int(x) for x in args.nprobe.split(",")):
            index.nprobe = p
            ids, seconds = timed_search(index, queries, args.k)
            out[f"qps_nprobe{p}"] = len(queries) / seconds
            out[f"recall_nprobe{p}"] = recall(ids, args.gt)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


if __name__ == "__main__":
    main()
