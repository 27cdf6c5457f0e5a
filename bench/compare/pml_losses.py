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
        [--pml-skip "1024x512:HistogramLoss;..."] [--pml-ref /path/to/timings.jsonl]

Build Tango first: dotnet build -c Release bench/Tango.Benchmarks. Uses Debian's python3-torch (/usr/bin/python3).
PML's NTXent, LiftedStructure and TupletMargin build a positives x negatives tensor: at B=1024 they need ~28 GiB
per copy and are skipped (reported as "cannot run"); Tango computes them in O(B^2) memory. Peak memory: the peak
resident set of each fresh process (ru_maxrss for PML, PeakWorkingSet64 for Tango), runtime included.
"""
import argparse
import json
import os
import resource
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
    "AngularLoss", "DynamicSoftMarginLoss", "FastAPLoss", "HistogramLoss", "InstanceLoss", "ManifoldLoss",
    "NPairsLoss", "PNPLoss", "RankedListLoss", "ThresholdConsistentMarginLoss", "VICRegLoss",
    "MultipleLosses(Triplet+MS)", "SelfSupervisedLoss(NTXent)", "CrossBatchMemory(Contrastive)",
]
# How the loss is called: with labels (default), without (ManifoldLoss: random meta-classes per call, as in
# Tango's table), or with the batch and a second view (batch + N(0, 0.5^2) noise) and no labels.
NO_LABELS = {"ManifoldLoss"}
VIEWS = {"VICRegLoss", "SelfSupervisedLoss(NTXent)"}


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
        "AngularLoss": (losses.AngularLoss, None),
        "DynamicSoftMarginLoss": (losses.DynamicSoftMarginLoss, None),
        "FastAPLoss": (losses.FastAPLoss, None),
        "HistogramLoss": (losses.HistogramLoss, None),
        "InstanceLoss": (losses.InstanceLoss, None),
        "ManifoldLoss": (lambda: losses.ManifoldLoss(l=d), None),
        "NPairsLoss": (losses.NPairsLoss, None),
        "PNPLoss": (losses.PNPLoss, None),
        "RankedListLoss": (lambda: losses.RankedListLoss(margin=0.4, Tn=10), None),
        "ThresholdConsistentMarginLoss": (losses.ThresholdConsistentMarginLoss, None),
        "VICRegLoss": (losses.VICRegLoss, None),
        "MultipleLosses(Triplet+MS)": (
            lambda: losses.MultipleLosses([losses.TripletMarginLoss(), losses.MultiSimilarityLoss()]), None),
        "SelfSupervisedLoss(NTXent)": (lambda: losses.SelfSupervisedLoss(losses.NTXentLoss()), None),
        "CrossBatchMemory(Contrastive)": (lambda: losses.CrossBatchMemory(losses.ContrastiveLoss(), d, 1024), None),
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
    view = (emb.detach() + 0.5 * torch.tensor(np.random.default_rng(1).standard_normal((batch, dim)),
                                              dtype=torch.float32))
    loss_fn, miner = pml_case(args.case, classes, dim)

    def call():
        if args.case in VIEWS:
            return loss_fn(emb, ref_emb=view)
        if args.case in NO_LABELS:
            return loss_fn(emb)
        tuples = miner(emb, labels) if miner is not None else None
        return loss_fn(emb, labels, tuples)

    def step():
        emb.grad = None
        loss_fn.zero_grad(set_to_none=True)
        if isinstance(getattr(loss_fn, "hist_", None), torch.Tensor):
            # DynamicSoftMarginLoss keeps its running histogram attached to the previous call's graph: a second
            # backward fails unless it is detached between calls (what a PML user has to do too).
            loss_fn.hist_ = loss_fn.hist_.detach()
        t0 = time.perf_counter()
        call().backward()
        return (time.perf_counter() - t0) * 1e3

    for _ in range(args.warmup):
        step()
    times = sorted(step() for _ in range(args.runs))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({"loss": args.case, "batch": batch, "dim": dim, "ms_median": statistics.median(times),
                      "ms_min": times[0], "runs": args.runs, "peak_rss_mb": peak}))


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
    ap.add_argument("--pml-skip", default="",
                    help="';'-separated SIZE:CASE entries for which PML is not run (too slow for the time at hand)")
    ap.add_argument("--pml-ref", default=None,
                    help="timings.jsonl of PML's own timing run: its median is shown (marked 'ref') where PML is "
                         "skipped")
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
    skip = set(filter(None, args.pml_skip.split(";")))
    ref = {}
    if args.pml_ref:
        with open(args.pml_ref) as f:
            for line in f:
                r = json.loads(line)
                if "ms_median" in r:  # the first run's figure (the file holds two runs; skipped cases have none)
                    ref.setdefault(f"{r['batch']}x{r['dim']}:{r['loss']}", r["ms_median"])
    rows = []
    print(f"load average at start: {os.getloadavg()}")
    print("| loss | B×D | PML ms (median) | Tango ms (median) | PML / Tango | Tango alloc MB | Tango peak RSS MB "
          "| PML peak RSS MB |")
    print("|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        for case in cases:
            common = ["--runs", str(args.runs), "--warmup", str(args.warmup)]
            key = f"{size}:{case}"
            if size == "1024x512" and case in PXN:
                pml = {"error": ["cannot run: positives x negatives tensor ~28 GiB"]}
            elif key in skip:
                pml = {"error": ["not run"]}
                if key in ref:
                    pml = {"ref_ms": ref[key], "error": [f"{ref[key]:,.0f} (ref)"]}
            else:
                pml = run_json([sys.executable, __file__, "--worker", "--case", case, "--size", size,
                                "--threads", str(args.threads)] + common, env)
            tango = run_json(shlex.split(args.tango) + ["--loss-table", "--json", "--case", case, "--size", size]
                             + common)
            rows.append({"case": case, "size": size, "pml": pml, "tango": tango, "load": os.getloadavg()})
            p, t = pml.get("ms_median") or pml.get("ref_ms"), tango.get("ms_median")
            ratio = f"{p / t:.1f}×" if p and t else "–"
            ratio += " (vs ref)" if p and "ref_ms" in pml else ""
            p_text = f"{pml['ms_median']:.2f}" if "ms_median" in pml else "; ".join(pml["error"])
            t_text = f"{t:.2f}" if t else "; ".join(tango["error"])
            alloc = f"{tango['alloc_mb']:.1f}" if "alloc_mb" in tango else "–"
            t_rss = f"{tango['peak_rss_mb']:.0f}" if "peak_rss_mb" in tango else "–"
            p_rss = f"{pml['peak_rss_mb']:.0f}" if "peak_rss_mb" in pml else "–"
            print(f"| {case} | {size} | {p_text} | {t_text} | {ratio} | {alloc} | {t_rss} | {p_rss} |", flush=True)
    print(f"load average at end: {os.getloadavg()}")
    if args.out:
        with open(args.out, "a") as f:
            for r in rows:
                f.write(json.dumps(r) + "\n")


if __name__ == "__main__":
    main()
