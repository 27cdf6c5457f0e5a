#!/usr/bin/python3
"""Side-by-side MultipleNegativesRankingLoss: sentence-transformers vs Tango, interleaved in one run.

Forward + backward of the in-batch-negatives loss on embedding columns (anchor, positive, one hard negative;
cosine similarity, scale 20), batch 1024, dim 768 by default. Each round times sentence-transformers' own
MultipleNegativesRankingLoss.compute_loss_from_embeddings in a fresh Python process (torch.set_num_threads(--threads),
median of --runs after --warmup) and then Tango's `--retrieval-table --case mnrl` in a fresh .NET process, so both
see the same machine load; --rounds rounds alternate the two. Peak memory: growth of the process's peak resident
set (ru_maxrss / VmHWM) over its resident set just before the first step.

    /usr/bin/python3 bench/compare/st_losses.py --st /path/to/sentence-transformers \
        [--tango "dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll"] \
        [--batch 1024] [--dim 768] [--negatives 1] [--runs 10] [--warmup 3] [--rounds 3] [--threads 2]

--st is a sentence-transformers checkout (the directory holding the `sentence_transformers` package). Debian has
python3-torch but not `transformers`, so only the loss module and the util files it needs are loaded, by path,
under stand-in `sentence_transformers` / `transformers` packages built here (no model, no tokenizer).
Build Tango first: dotnet build -c Release bench/Tango.Benchmarks.
"""
import argparse
import importlib
import json
import logging
import os
import shlex
import statistics
import subprocess
import sys
import types


def load_st_loss(st_root):
    """sentence-transformers' MultipleNegativesRankingLoss class, imported from its own source."""
    src = os.path.join(st_root, "sentence_transformers")
    if not os.path.isfile(os.path.join(src, "losses", "MultipleNegativesRankingLoss.py")):
        sys.exit(f"st_losses.py: {src}/losses/MultipleNegativesRankingLoss.py not found; --st must be a "
                 "sentence-transformers checkout")

    class _Logger(logging.Logger):
        def warning_once(self, *a, **k):
            self.warning(*a, **k)

    tf = types.ModuleType("transformers")
    tf_utils = types.ModuleType("transformers.utils")
    tf_logging = types.ModuleType("transformers.utils.logging")
    tf_logging.get_logger = lambda name=None: _Logger(name or "st")
    tf.utils, tf_utils.logging = tf_utils, tf_logging
    st = types.ModuleType("sentence_transformers")
    st.__path__ = []
    st_model = types.ModuleType("sentence_transformers.SentenceTransformer")
    st_model.SentenceTransformer = object
    util = types.ModuleType("sentence_transformers.util")
    util.__path__ = [os.path.join(src, "util")]
    sys.modules.update({"transformers": tf, "transformers.utils": tf_utils, "transformers.utils.logging": tf_logging,
                        "sentence_transformers": st, "sentence_transformers.SentenceTransformer": st_model,
                        "sentence_transformers.util": util})
    st.util = util
    for part in ("tensor", "similarity", "distributed"):
        module = importlib.import_module(f"sentence_transformers.util.{part}")
        for name in dir(module):
            if not name.startswith("__"):
                setattr(util, name, getattr(module, name))
    spec = importlib.util.spec_from_file_location(
        "sentence_transformers.losses.MultipleNegativesRankingLoss",
        os.path.join(src, "losses", "MultipleNegativesRankingLoss.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MultipleNegativesRankingLoss


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def st_worker(args):
    import resource
    import time
    import torch
    torch.set_num_threads(args.threads)
    loss = load_st_loss(args.st)(model=None)
    g = torch.Generator().manual_seed(0)
    cols = [torch.randn(args.batch, args.dim, generator=g).requires_grad_() for _ in range(2 + args.negatives)]
    base = rss_mb()
    times = []
    for i in range(args.warmup + args.runs):
        for c in cols:
            c.grad = None
        t = time.perf_counter()
        value = loss.compute_loss_from_embeddings(cols, None)
        value.backward()
        if i >= args.warmup:
            times.append((time.perf_counter() - t) * 1000)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    times.sort()
    print(json.dumps({"impl": "sentence-transformers", "ms_median": statistics.median(times), "ms_min": times[0],
                      "peak_growth_mb": peak - base, "peak_ws_mb": peak, "threads": args.threads,
                      "loss": float(value)}))


def run_json(cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"st_losses.py: {' '.join(cmd)} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--st", required=True)
    ap.add_argument("--tango", default="dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll")
    ap.add_argument("--batch", type=int, default=1024)
    ap.add_argument("--dim", type=int, default=768)
    ap.add_argument("--negatives", type=int, default=1)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        st_worker(args)
        return
    common = ["--batch", str(args.batch), "--dim", str(args.dim), "--negatives", str(args.negatives),
              "--runs", str(args.runs), "--warmup", str(args.warmup)]
    st_cmd = [sys.executable, os.path.abspath(__file__), "--worker", "--st", args.st, "--threads",
              str(args.threads)] + common
    tango_cmd = shlex.split(args.tango) + ["--retrieval-table", "--case", "mnrl", "--json"] + common
    rows = {"sentence-transformers": [], "tango": []}
    for _ in range(args.rounds):
        rows["sentence-transformers"].append(run_json(st_cmd))
        rows["tango"].append(run_json(tango_cmd))
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"MultipleNegativesRankingLoss forward+backward, B={args.batch} D={args.dim} negatives={args.negatives}, "
          f"{args.rounds} interleaved rounds x median of {args.runs} (after {args.warmup} warm-ups), "
          f"torch threads {args.threads}, {os.cpu_count()} cores, load average {load}")
    print("| implementation | median ms (per round) | best-round median ms | peak RSS growth MB | peak RSS MB |")
    print("|---|---|---|---|---|")
    best = {}
    for impl, rs in rows.items():
        med = [r["ms_median"] for r in rs]
        best[impl] = min(med)
        print(f"| {impl} | {', '.join(f'{m:.1f}' for m in med)} | {best[impl]:.1f} | "
              f"{max(r['peak_growth_mb'] for r in rs):.0f} | {max(r['peak_ws_mb'] for r in rs):.0f} |")
    print(f"\nspeed-up (sentence-transformers / Tango, best-round medians): "
          f"{best['sentence-transformers'] / best['tango']:.2f}x")


if __name__ == "__main__":
    main()
