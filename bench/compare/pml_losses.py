#!/usr/bin/python3
"""Side-by-side forward+backward timings: pytorch-metric-learning vs Tango, interleaved in one run.

For every configuration of `dotnet ... Tango.Benchmarks -- --loss-table` (same names, same input generator as PML's
own timing script: labels = permutation(repeat(arange(C), B/C)), centres N(0, 0.7^2), x = centre + N(0, 1)), and for
each size (B=256 D=128 C=32; B=1024 D=512 C=128), this script times PML in a fresh Python process (median of
--runs after --warmup, torch.set_num_threads(--threads)) and then Tango on the same configuration in a fresh
.NET process, case by case, so that both see the same machine load. It prints a markdown table with the ratio.

    /usr/bin/python3 bench/compare/pml_losses.py --pml /path/to/pytorch-metric-learning \
        [--tango "dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll"] \
        [--sizes 256x128,1024x512] [--runs 20] [--warmup 3] [--threads 2] [--cases "A;B"] [--out results.jsonl]

Build Tango first: dotnet build -c Release bench/Tango.Benchmarks. Uses Debian's python3-torch (/usr/bin/python3).
PML's NTXent, LiftedStructure and TupletMargin build a positives x negatives tensor: at B=1024 they need ~28 GiB
per copy and are skipped (reported as "not run"); Tango computes them in O(B^2) memory.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time

SIZES = {"256x128": (256, 128, 32), "1024x512": (1024, 512, 128)}
PXN = {"NTXentLoss", "LiftedStructureLoss", "TupletMarginLoss"}
CASES = [
    "ContrastiveLoss", "TripletMarginLoss(all triplets)", "TripletMarginLoss+TripletMarginMiner(semihard)",
    "TripletMarginLoss+BatchHardMiner", "MultiSimilarityLoss", "MultiSimilarityLoss+MultiSimilarityMiner",
    "CircleLoss", "NTXentLoss", "SupConLoss", "LiftedStructureLoss", "GeneralizedLiftedStructureLoss",
    "MarginLoss(all triplets)", "NCALoss", "TupletMarginLoss", "SignalToNoiseRatioContrastiveLoss",
    "IntraPairVarianceLoss",
    "ProxyAnchorLoss", "ProxyNCALoss", "ArcFaceLoss", "CosFaceLoss", "SoftTripleLoss", "SphereFaceLoss",
    "LargeMarginSoftmaxLoss", "NormalizedSoftmaxLoss", "SubCenterArcFaceLoss", "P2SGradLoss",
]


def pml_case(name, classes=None, dim=None):
    from pytorch_metric_learning import losses, miners
    c, d = classes, dim  # losses with class parameters are built for the size
    table = {
        "ContrastiveLoss": (losses.ContrastiveLoss, None),
        "TripletMarginLoss(all triplets)": (losses.TripletMarginLoss, None),
        "TripletMarginLoss+TripletMarginMiner(semihard)": (
            lambda: losses.TripletMarginLoss(margin=0.2),
            lambda: miners.TripletMarginMiner(margin=0.2, type_of_triplets="semihard")),
        "TripletMarginLoss+BatchHardMiner": (lambda: losses.TripletMarginLoss(margin=0.2), miners.BatchHardMiner),
        "MultiSimilarityLoss": (losses.MultiSimilarityLoss, None),
        "MultiSimilarityLoss+MultiSimilarityMiner": (losses.MultiSimilarityLoss, miners.MultiSimilarityMiner),
        "CircleLoss": (losses.CircleLoss, None),
        "NTXentLoss": (losses.NTXentLoss, None),
        "SupConLoss": (losses.SupConLoss, None),
        "LiftedStructureLoss": (losses.LiftedStructureLoss, None),
        "GeneralizedLiftedStructureLoss": (losses.GeneralizedLiftedStructureLoss, None),
        "MarginLoss(all triplets)": (losses.MarginLoss, None),
        "NCALoss": (losses.NCALoss, None),
        "TupletMarginLoss": (losses.TupletMarginLoss, None),
        "SignalToNoiseRatioContrastiveLoss": (losses.SignalToNoiseRatioContrastiveLoss, None),
        "IntraPairVarianceLoss": (losses.IntraPairVarianceLoss, None),
        "ProxyAnchorLoss": (lambda: losses.ProxyAnchorLoss(c, d), None),
        "ProxyNCALoss": (lambda: losses.ProxyNCALoss(c, d), None),
        "ArcFaceLoss": (lambda: losses.ArcFaceLoss(c, d), None),
        "CosFaceLoss": (lambda: losses.CosFaceLoss(c, d), None),
        "SoftTripleLoss": (lambda: losses.SoftTripleLoss(c, d), None),
        "SphereFaceLoss": (lambda: losses.SphereFaceLoss(c, d), None),
        "LargeMarginSoftmaxLoss": (lambda: losses.LargeMarginSoftmaxLoss(c, d), None),
        "NormalizedSoftmaxLoss": (lambda: losses.NormalizedSoftmaxLoss(c, d), None),
        "SubCenterArcFaceLoss": (lambda: losses.SubCenterArcFaceLoss(num_classes=c, embedding_size=d), None),
        "P2SGradLoss": (lambda: losses.P2SGradLoss(d, c), None),
    }
    make_loss, make_miner = table[name]
    return make_loss(), (make_miner() if make_miner else None)


def pml_worker(args):
    """Runs in a child process: times one PML configuration, prints one JSON line."""
    import numpy as np
    import torch
    torch.set_num_threads(args.threads)
    batch, dim, classes = SIZES[args.size]
    rng = np.random.default_rng(0)
    labels = rng.permutation(np.repeat(np.arange(classes), batch // classes))
    centres = rng.standard_normal((classes, dim)) * 0.7
    emb = torch.tensor((centres[labels] + rng.standard_normal((batch, dim))).astype(np.float32), requires_grad=True)
    labels = torch.tensor(labels)
    loss_fn, miner = pml_case(args.case, classes, dim)

    def step():
        emb.grad = None
        t0 = time.perf_counter()
        tuples = miner(emb, labels) if miner is not None else None
        loss_fn(emb, labels, tuples).backward()
        return (time.perf_counter() - t0) * 1e3

    for _ in range(args.warmup):
        step()
    times = sorted(step() for _ in range(args.runs))
    print(json.dumps({"loss": args.case, "batch": batch, "dim": dim, "ms_median": statistics.median(times),
                      "ms_min": times[0], "runs": args.runs}))


def run_json(cmd, env=None):
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=3600)
    lines = [l for l in out.stdout.splitlines() if l.startswith("{")]
    if out.returncode != 0 or not lines:
        return {"error": (out.stderr or out.stdout).strip().splitlines()[-1:] or ["failed"]}
    return json.loads(lines[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pml", help="path of a pytorch-metric-learning checkout (its src/ goes on PYTHONPATH)")
    ap.add_argument("--tango", default="dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll")
    ap.add_argument("--sizes", default="256x128,1024x512")
    ap.add_argument("--cases", default=None, help="';'-separated subset of the configuration names")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--out", default=None, help="also append the raw results as JSON lines to this file")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    ap.add_argument("--size", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        pml_worker(args)
        return
    if not args.pml:
        ap.error("--pml is required (a pytorch-metric-learning checkout)")
    env = dict(os.environ, PYTHONPATH=os.path.join(os.path.abspath(args.pml), "src"))
    cases = args.cases.split(";") if args.cases else CASES
    rows = []
    print("| loss | B×D | PML ms (median) | Tango ms (median) | PML / Tango | Tango alloc MB |")
    print("|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        for case in cases:
            common = ["--runs", str(args.runs), "--warmup", str(args.warmup)]
            if size == "1024x512" and case in PXN:
                pml = {"error": ["not run: positives x negatives tensor ~28 GiB"]}
            else:
                pml = run_json([sys.executable, __file__, "--worker", "--case", case, "--size", size,
                                "--threads", str(args.threads)] + common, env)
            tango = run_json(shlex.split(args.tango) + ["--loss-table", "--json", "--case", case, "--size", size]
                             + common)
            rows.append({"case": case, "size": size, "pml": pml, "tango": tango})
            p, t = pml.get("ms_median"), tango.get("ms_median")
            ratio = f"{p / t:.1f}×" if p and t else "–"
            p_text = f"{p:.2f}" if p else "; ".join(pml["error"])
            t_text = f"{t:.2f}" if t else "; ".join(tango["error"])
            alloc = f"{tango['alloc_mb']:.1f}" if "alloc_mb" in tango else "–"
            print(f"| {case} | {size} | {p_text} | {t_text} | {ratio} | {alloc} |", flush=True)
    if args.out:
        with open(args.out, "a") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
