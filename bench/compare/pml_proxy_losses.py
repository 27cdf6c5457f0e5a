#!/usr/bin/python3
"""Proxy and classification losses: Tango vs pytorch-metric-learning, interleaved, on this machine.

For each loss and size, ROUNDS rounds alternate a PML block (in this process, torch.set_num_threads(2), RUNS timed
forward+backward calls after WARMUP) and a Tango block (`Tango.Benchmarks --loss-table --case NAME --size BxD
--json`, the same protocol in a child process), so both sides see the same machine state. Reports per side the
median over rounds of the per-round medians, and the median of the per-round ratios PML / Tango (the robust
number on a noisy machine). Inputs follow PML's timing script (8 per class, centres N(0, 0.7²) + N(0, 1)); PML's
losses get PML's default initialisation, Tango's its own seeded one.

Needs Debian's python3 with python3-torch and a PML checkout on PYTHONPATH (never committed; e.g. the search
tool's fetch of KevinMusgrave/pytorch-metric-learning, then `git archive HEAD src`):

    dotnet build -c Release bench/Tango.Benchmarks
    PYTHONPATH=/tmp/pml/src /usr/bin/python3 bench/compare/pml_proxy_losses.py [--rounds 5] [--runs 20]
        [--case ArcFaceLoss] [--size 256x128] [--markdown]
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import numpy as np
import torch

torch.set_num_threads(2)
from pytorch_metric_learning import losses  # noqa: E402

SIZES = [(256, 128, 32), (1024, 512, 128)]
CASES = {
    "ProxyAnchorLoss": lambda c, d: losses.ProxyAnchorLoss(c, d),
    "ProxyNCALoss": lambda c, d: losses.ProxyNCALoss(c, d),
    "ArcFaceLoss": lambda c, d: losses.ArcFaceLoss(c, d),
    "CosFaceLoss": lambda c, d: losses.CosFaceLoss(c, d),
    "SoftTripleLoss": lambda c, d: losses.SoftTripleLoss(c, d),
    "SphereFaceLoss": lambda c, d: losses.SphereFaceLoss(c, d),
    "LargeMarginSoftmaxLoss": lambda c, d: losses.LargeMarginSoftmaxLoss(c, d),
    "NormalizedSoftmaxLoss": lambda c, d: losses.NormalizedSoftmaxLoss(c, d),
    "SubCenterArcFaceLoss": lambda c, d: losses.SubCenterArcFaceLoss(num_classes=c, embedding_size=d),
    "P2SGradLoss": lambda c, d: losses.P2SGradLoss(d, c),
}
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TANGO = os.path.join(ROOT, "bench", "Tango.Benchmarks", "bin", "Release", "net10.0", "Tango.Benchmarks.dll")


def inputs(n, d, c, seed=0):
    rng = np.random.default_rng(seed)
    labels = rng.permutation(np.repeat(np.arange(c), n // c))
    centers = rng.standard_normal((c, d)) * 0.7
    emb = (centers[labels] + rng.standard_normal((n, d))).astype(np.float32)
    return torch.tensor(emb, requires_grad=True), torch.tensor(labels)


def pml_block(name, n, d, c, runs, warmup):
    loss_fn = CASES[name](c, d)
    emb, labels = inputs(n, d, c)
    times = []
    for i in range(warmup + runs):
        emb.grad = None
        loss_fn.zero_grad(set_to_none=True)
        t0 = time.perf_counter()
        loss_fn(emb, labels).backward()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


def tango_block(name, n, d, runs, warmup):
    out = subprocess.run(["dotnet", TANGO, "--loss-table", "--case", name, "--size", f"{n}x{d}", "--json",
                          "--runs", str(runs), "--warmup", str(warmup)], capture_output=True, text=True, check=True)
    line = [ln for ln in out.stdout.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)["ms_median"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--case", action="append")
    ap.add_argument("--size")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()
    if not os.path.exists(TANGO):
        raise SystemExit(f"Build first: dotnet build -c Release bench/Tango.Benchmarks (no {TANGO}).")
    sizes = [s for s in SIZES if args.size is None or f"{s[0]}x{s[1]}" == args.size]
    names = args.case or list(CASES)
    if args.markdown:
        print(f"| loss | B×D | PML ms | Tango ms | PML / Tango (median of {args.rounds} rounds) |")
        print("|---|---|---:|---:|---:|")
    for n, d, c in sizes:
        for name in names:
            pml, tango = [], []
            for _ in range(args.rounds):
                pml.append(pml_block(name, n, d, c, args.runs, args.warmup))
                tango.append(tango_block(name, n, d, args.runs, args.warmup))
            ratio = statistics.median(p / t for p, t in zip(pml, tango))
            row = {"loss": name, "batch": n, "dim": d, "classes": c, "pml_ms": round(statistics.median(pml), 3),
                   "tango_ms": round(statistics.median(tango), 3), "ratio": round(ratio, 2), "rounds": args.rounds,
                   "pml_rounds": [round(v, 3) for v in pml], "tango_rounds": [round(v, 3) for v in tango]}
            if args.markdown:
                print(f"| {name} | {n}×{d} | {row['pml_ms']} | {row['tango_ms']} | {row['ratio']}× |", flush=True)
            else:
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
