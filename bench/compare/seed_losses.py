#!/usr/bin/python3
"""Side-by-side forward+backward timings of three seed-paper losses: a dense PyTorch version written from each
paper's formula (labelled form, B x B masks, as the authors' code does for two views) vs Tango, interleaved case by
case in fresh processes so both see the same machine load.

    /usr/bin/python3 bench/compare/seed_losses.py \
        [--tango "dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll"] \
        [--size 1024x512] [--runs 10] [--warmup 2] [--threads 2]

Inputs: 8 rows per class (C = B/8), centres N(0, 0.7^2), x = centre + N(0, 1) (Tango uses its own generator with
the same recipe). Defaults as Tango's: DCL tau=0.1; Debiased tau=0.5, tau+=0.1; HCL tau=0.5, beta=1, tau+=0.1.
"""
import argparse
import math
import shlex
import statistics
import subprocess
import sys
import time

CASES = {
    "DecoupledContrastiveLoss": ("dcl", {}),
    "DebiasedContrastiveLoss": ("hcl", {"beta": 0.0}),
    "HardNegativeContrastiveLoss": ("hcl", {"beta": 1.0}),
}


def torch_loss(kind, x, labels, beta=1.0):
    import torch
    import torch.nn.functional as F
    z = F.normalize(x, dim=1)
    s = z @ z.t()
    same = labels[:, None] == labels[None, :]
    eye = torch.eye(len(labels), dtype=torch.bool)
    pos_mask, neg_mask = same & ~eye, ~same
    if kind == "dcl":
        tau = 0.1
        lse = torch.logsumexp((s / tau).masked_fill(~neg_mask, -math.inf), dim=1, keepdim=True)
        return (lse - s / tau)[pos_mask].mean()
    tau, tau_plus = 0.5, 0.1
    count = neg_mask.sum(1, keepdim=True).float()
    neg = torch.exp(s / tau) * neg_mask
    imp = torch.exp(beta * s / tau) * neg_mask
    reweighted = count * (imp * neg).sum(1, keepdim=True) / imp.sum(1, keepdim=True)
    pos = torch.exp(s / tau)
    ng = ((reweighted - tau_plus * count * pos) / (1 - tau_plus)).clamp(min=(count * math.exp(-1 / tau)))
    return (-torch.log(pos / (pos + ng)))[pos_mask].mean()


def run_torch(name, batch, dim, runs, warmup, threads):
    import torch
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(0)
    classes = batch // 8
    labels = torch.arange(classes).repeat_interleave(8)[torch.randperm(batch, generator=g)]
    centres = 0.7 * torch.randn(classes, dim, generator=g)
    x = (centres[labels] + torch.randn(batch, dim, generator=g)).requires_grad_(True)
    kind, kw = CASES[name]
    times = []
    for i in range(warmup + runs):
        x.grad = None
        t = time.perf_counter()
        torch_loss(kind, x, labels, **kw).backward()
        if i >= warmup:
            times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), min(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tango", default="dotnet bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll")
    ap.add_argument("--size", default="1024x512")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--case", help=argparse.SUPPRESS)
    a = ap.parse_args()
    batch, dim = (int(v) for v in a.size.split("x"))
    if a.case:  # child process: time PyTorch only
        print("%.3f %.3f" % run_torch(a.case, batch, dim, a.runs, a.warmup, a.threads))
        return
    print("| loss | B | D | PyTorch median ms | Tango median ms | PyTorch / Tango |")
    print("|---|---|---|---|---|---|")
    for name in CASES:
        out = subprocess.run([sys.executable, __file__, "--case", name, "--size", a.size, "--runs", str(a.runs),
                              "--warmup", str(a.warmup), "--threads", str(a.threads)],
                             capture_output=True, text=True, check=True).stdout.split()
        torch_ms = float(out[0])
        tango = subprocess.run(shlex.split(a.tango) + ["--seed-loss-table", "--case", name, "--size", a.size,
                                                      "--runs", str(a.runs), "--warmup", str(a.warmup)],
                               capture_output=True, text=True, check=True).stdout
        row = [l for l in tango.splitlines() if l.startswith("| " + name + " |")][0]
        tango_ms = float(row.split("|")[4])
        print("| %s | %d | %d | %.1f | %.1f | %.2f |" % (name, batch, dim, torch_ms, tango_ms, torch_ms / tango_ms))


if __name__ == "__main__":
    main()
