#!/usr/bin/env bash
# The default `tango train` run and the same configuration in PyTorch + pytorch-metric-learning, alternating ROUNDS
# times so that background load hits both alike. Prints each side's held-out MAP@R and wall time.
#   bash bench/compare/train_side_by_side.sh PML_CHECKOUT SHARED_DATA_DIR [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
pml=${1:?usage: train_side_by_side.sh PML_CHECKOUT SHARED_DATA_DIR [ROUNDS]}; data=${2:?data dir}; rounds=${3:-1}
dotnet build -c Release src/Tango.Cli --nologo -v q >/dev/null
dll=src/Tango.Cli/bin/Release/net10.0/tango.dll
out=$(mktemp -d)
echo "load: $(uptime)"
for r in $(seq "$rounds"); do
  for evals in 1 0; do
    start=$(date +%s.%N)
    dotnet "$dll" train -q --eval-every "$evals" -o "$out/tango-$r-$evals" | grep -E "trained network|raw|Done"
    echo "round $r tango (eval every $evals) wall $(echo "$(date +%s.%N) - $start" | bc) s"
  done
  /usr/bin/python3 bench/compare/pml_train.py --pml "$pml" --data "$data" | tee "$out/pml-$r.json"
  echo "load: $(uptime)"
done
rm -rf "$out"
