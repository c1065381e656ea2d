#!/usr/bin/env bash
# Like for like: the same VAE trained by the book and by PyTorch, evaluated on the same test
# images by the same code (chapter 05's K = 1,000 importance pass; the PyTorch-trained model is
# loaded with --load, so it meets the same ε as the book's model of the same seed). Figures go
# to the output folder, not over the book's.
#
#   tools/torch/compare.sh [--data digits|mnist] [--data-dir DIR] [--epochs N]
#                          [--inits "pytorch he"] [--seeds "42 7 1"] [--python PY] [--out DIR]
#
# Recipe on both sides: Adam (lr 1e-3), a fixed number of epochs, the last epoch kept; no weight
# decay, weight averaging or early stopping. digits: the digits model (64-256-256-16, LeakyReLU,
# 17-way softmax), batch 64, 447 test images, default 50 epochs. mnist: the pytorch/examples VAE
# (784-400-20, ReLU, Bernoulli), batch 128, 10 epochs, the first 1,000 test images. The PyTorch
# example's module exists only with nn.Linear's initialisation, so on MNIST PyTorch runs only
# --init pytorch. Prints one RESULT line per run, then a table of mean ± sd over the seeds.
set -euo pipefail
cd "$(dirname "$0")/../.."

data=digits; data_dir=""; epochs=""; inits="pytorch he"; seeds="42 7 1"; out=""
python=""
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --inits) inits="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --python) python="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "compare.sh: unknown argument '$1' (see the header of $0)" >&2; exit 2 ;;
  esac
done
case "$data" in
  digits) epochs="${epochs:-50}"; book=(--batch 64 --weight-decay 0 --average 0 --patience 0)
          where=() ;;
  mnist) epochs="${epochs:-10}"; book=()
         [ -n "$data_dir" ] || { echo "compare.sh: --data mnist needs --data-dir DIR" >&2; exit 2; }
         where=(--data mnist --data-dir "$data_dir") ;;
  *) echo "compare.sh: --data must be digits or mnist, got '$data'" >&2; exit 2 ;;
esac
if [ -z "$python" ]; then
  for py in python3 /usr/bin/python3; do
    if "$py" -c "import torch" 2>/dev/null; then python="$py"; break; fi
  done
fi
[ -n "$python" ] || { echo "compare.sh: no python3 with torch (apt-get install python3-torch)" >&2
                      exit 2; }
out="${out:-$(mktemp -d)}"
mkdir -p "$out"
log="$out/results.txt"
: > "$log"
echo "data $data, $epochs epochs, seeds $seeds, inits $inits; models and logs in $out"

for init in $inits; do
  for seed in $seeds; do
    # the book: train, then evaluate (K = 1,000) in chapter 05
    ./jbang "-Dvae.figures=$out/figures" chapters/05_elbo.java ${where[@]+"${where[@]}"} \
      ${book[@]+"${book[@]}"} \
      --epochs "$epochs" --init "$init" --seed "$seed" --save "$out/book-$init-$seed.npz" \
      > "$out/book-$init-$seed.log" 2>&1 \
      || echo "(chapter 05 exited $?; see $out/book-$init-$seed.log)"
    echo "engine=book seed=$seed $(grep '^RESULT' "$out/book-$init-$seed.log")" | tee -a "$log"
    if [ "$data" = mnist ] && [ "$init" != pytorch ]; then continue; fi
    # PyTorch: train with the example's recipe and save; the book evaluates the saved model
    "$python" tools/torch/torch_vae.py train --data "$data" ${data_dir:+--data-dir "$data_dir"} \
      --epochs "$epochs" --init "$init" --seed "$seed" --save "$out/torch-$init-$seed.npz" \
      > "$out/torch-$init-$seed.log" 2>&1
    grep '^RESULT' "$out/torch-$init-$seed.log" | sed 's/^/  (its own evaluation) /'
    ./jbang "-Dvae.figures=$out/figures" chapters/05_elbo.java ${where[@]+"${where[@]}"} \
      --load "$out/torch-$init-$seed.npz" --seed "$seed" \
      > "$out/torch-$init-$seed-book-eval.log" 2>&1 \
      || echo "(chapter 05 exited $?; see $out/torch-$init-$seed-book-eval.log)"
    echo "engine=torch seed=$seed $(grep '^RESULT' "$out/torch-$init-$seed-book-eval.log")" \
      | tee -a "$log"
  done
done

"$python" - "$log" <<'EOF'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    f = dict(re.findall(r"(\w+)=(\S+)", line))
    if "test_neg_elbo" in f:
        rows.setdefault((f["engine"], f["init"]), []).append(
            (int(f["seed"]), float(f["test_neg_elbo"]), float(f["test_nll_is"])))
print("\n| engine | init | seeds | test −ELBO (mean ± sd) | test NLL, K = 1,000 (mean ± sd) |")
print("|---|---|---|---|---|")
for (engine, init), r in sorted(rows.items()):
    e = [x[1] for x in r]
    n = [x[2] for x in r]
    sd = lambda v: statistics.stdev(v) if len(v) > 1 else float("nan")
    print(f"| {engine} | {init} | {', '.join(str(x[0]) for x in r)} | "
          f"{statistics.mean(e):.2f} ± {sd(e):.2f} | {statistics.mean(n):.2f} ± {sd(n):.2f} |")
EOF
