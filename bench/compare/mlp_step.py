#!/usr/bin/python3
"""One training step (forward, backward, AdamW) of an MLP 784->512->256->128 at batch 256 in PyTorch CPU.

The peer side of `dotnet run -c Release --project bench/Tango.Benchmarks -- --train-step`: same shapes, same
loss (mean squared error against a fixed random target), same optimizer settings. Runs only where Debian's
python3-torch is installed. Prints one JSON line: median and p10/p90 milliseconds per step.

    /usr/bin/python3 bench/compare/mlp_step.py   # Debian python3 with python3-torch [--threads 2] [--steps 200]
"""
import argparse
import json
import statistics
import time

import torch


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 512), torch.nn.ReLU(),
        torch.nn.Linear(512, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128))
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
    x = torch.randn(args.batch, 784)
    target = torch.randn(args.batch, 128)

    def step() -> None:
        opt.zero_grad(set_to_none=False)
        loss = ((model(x) - target) ** 2).mean()
        loss.backward()
        opt.step()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        t0 = time.perf_counter()
        step()
        times.append((time.perf_counter() - t0) * 1e3)
    times.sort()
    print(json.dumps({
        "peer": f"pytorch {torch.__version__}", "threads": args.threads, "batch": args.batch,
        "median_ms": round(statistics.median(times), 3),
        "p10_ms": round(times[len(times) // 10], 3), "p90_ms": round(times[9 * len(times) // 10], 3),
    }))


if __name__ == "__main__":
    main()
