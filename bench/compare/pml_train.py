#!/usr/bin/python3
"""The default `tango train` run in PyTorch + pytorch-metric-learning, for a side-by-side check of held-out quality
and wall time.

Same configuration as Tango's defaults: MNIST-10k (the copy in shared/data), digits 0-4 for training and 5-9 held
out; input (x - mean) / std over all training values; MLP 784 -> 256 -> ReLU -> 128, L2-normalised; PML's
MultiSimilarityLoss(alpha=2, beta=50, base=0.5) with MultiSimilarityMiner(epsilon=0.1); MPerClassSampler(m, batch,
length = training rows); AdamW(lr, weight decay) with a per-step cosine schedule to 0; seed 0. The held-out set is
scored before and after training with PML's AccuracyCalculator (k = max_bin_count, every row queries the others):
P@1, R-precision, MAP@R, NMI, AMI. Prints one JSON line.

    /usr/bin/python3 bench/compare/pml_train.py --pml /path/to/pytorch-metric-learning --data /path/to/shared/data \
        [--epochs 3] [--lr 3e-4] [--batch 50] [--m 10] [--threads 2] [--eval-every 0]

Uses Debian's python3-torch (1.13) and faiss; --pml is a checkout whose src/ goes on sys.path.
"""
import argparse
import gzip
import io
import json
import os
import sys
import time

T0 = time.perf_counter()


def load(data_dir):
    import numpy as np

    def npy(name):
        with gzip.open(os.path.join(data_dir, name), "rb") as f:
            return np.load(io.BytesIO(f.read()))

    x = npy("mnist10k-images.npy.gz").reshape(10000, -1).astype("float32")
    if x.max() > 1.5:
        x /= 255.0
    return x, npy("mnist10k-labels.npy.gz").astype("int64")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pml", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--weight-decay", type=float, default=1e-4)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--m", type=int, default=10)
    ap.add_argument("--hidden", type=int, default=256)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-every", type=int, default=0, help="also evaluate every N epochs (0: before/after)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    sys.path.insert(0, os.path.join(os.path.abspath(args.pml), "src"))

    import numpy as np
    import torch
    import torch.nn.functional as F
    from pytorch_metric_learning import losses, miners, samplers
    from pytorch_metric_learning.utils.accuracy_calculator import AccuracyCalculator

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    x, y = load(args.data)
    train, test = y < 5, y >= 5
    mean, std = x[train].mean(), x[train].std()
    xt = torch.from_numpy((x[train] - mean) / std)
    yt = torch.from_numpy(y[train])
    xh = torch.from_numpy((x[test] - mean) / std)
    yh = y[test]

    model = torch.nn.Sequential(torch.nn.Linear(784, args.hidden), torch.nn.ReLU(), torch.nn.Linear(args.hidden, 128))
    embed = lambda inp: F.normalize(model(inp), dim=1)  # noqa: E731
    loss_fn = losses.MultiSimilarityLoss(alpha=2, beta=50, base=0.5)
    miner = miners.MultiSimilarityMiner(epsilon=0.1)
    sampler = samplers.MPerClassSampler(yt, m=args.m, batch_size=args.batch, length_before_new_iter=len(yt))
    loader = torch.utils.data.DataLoader(torch.utils.data.TensorDataset(xt, yt), batch_size=args.batch,
                                         sampler=sampler, drop_last=True)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs * len(loader))
    calc = AccuracyCalculator(include=("precision_at_1", "r_precision", "mean_average_precision_at_r", "NMI", "AMI"),
                              k="max_bin_count")

    def evaluate():
        model.eval()
        with torch.no_grad():
            e = embed(xh).numpy()
        model.train()
        return {k: float(v) for k, v in calc.get_accuracy(e, yh).items()}

    t_setup = time.perf_counter()
    before = evaluate()
    t_train = time.perf_counter()
    eval_seconds = 0.0
    history = []
    for epoch in range(1, args.epochs + 1):
        total, count = 0.0, 0
        for xb, yb in loader:
            opt.zero_grad()
            e = embed(xb)
            loss = loss_fn(e, yb, miner(e, yb))
            loss.backward()
            opt.step()
            sched.step()
            total, count = total + loss.item(), count + 1
        row = {"epoch": epoch, "loss": total / max(1, count)}
        if args.eval_every and epoch % args.eval_every == 0:
            t = time.perf_counter()
            row.update(evaluate())
            eval_seconds += time.perf_counter() - t
        history.append(row)
    train_seconds = time.perf_counter() - t_train - eval_seconds
    after = evaluate()
    print(json.dumps({
        "peer": f"pytorch {torch.__version__} + pytorch-metric-learning", "threads": args.threads,
        "epochs": args.epochs, "batches_per_epoch": len(loader),
        "before": before, "after": after, "history": history,
        "train_loop_seconds": round(train_seconds, 2), "eval_seconds_in_loop": round(eval_seconds, 2),
        "setup_seconds": round(t_setup - T0, 2), "total_seconds": round(time.perf_counter() - T0, 2),
    }))


if __name__ == "__main__":
    main()
