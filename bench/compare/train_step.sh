#!/usr/bin/env bash
# Side by side: one MLP training step (784-512-256-128, batch 256, MSE, AdamW) in Tango and in PyTorch CPU,
# alternating ROUNDS times so background load hits both alike. Needs Debian python3-torch for the peer.
#   bash bench/compare/train_step.sh [ROUNDS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; threads=${2:-2}
dotnet build -c Release bench/Tango.Benchmarks --nologo -v q >/dev/null
dll=bench/Tango.Benchmarks/bin/Release/net10.0/Tango.Benchmarks.dll
for r in $(seq "$rounds"); do
  echo "round $r tango   $(dotnet "$dll" --train-step --steps 200 --threads "$threads")"
  if /usr/bin/python3 -c "import torch" 2>/dev/null; then
    echo "round $r pytorch $(/usr/bin/python3 bench/compare/mlp_step.py --threads "$threads" --steps 200)"
  fi
done
