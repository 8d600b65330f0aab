#!/usr/bin/env bash
# Back-to-back speed comparison of the workbench's `bench` with the PyTorch peer script
# (Debian python3-torch), on the same data (the bundled MNIST IDX files), batch and threads.
# Usage: scripts/bench-vs-peer.sh PATH/TO/torch_peer.py [ROUNDS]   (after `mvn -B package -DskipTests`)
# Prints one JSON line per measurement and a median table of ratios (workbench / peer).
# Absolute figures drift on shared machines; compare the ratios of runs made back to back.
set -euo pipefail
PEER=${1:?usage: $0 PATH/TO/torch_peer.py [ROUNDS]}
ROUNDS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/workbench/target/unlearning-workbench.jar"
DATA="$ROOT/assets/mnist"
PY=/usr/bin/python3
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B package -DskipTests" >&2; exit 2; }
OUT=$(mktemp -d)
for r in $(seq "$ROUNDS"); do
  $PY "$PEER" --data "$DATA" --model tiny --threads 2 --batch 128 --train-epochs 5 --steps 1000 > "$OUT/peer-tiny-$r.json"
  java -jar "$JAR" bench --models mlp-5 --kinds sgd,gradient-clipping --seconds 2 --repeats 3 > "$OUT/wb-mlp-$r.json"
  $PY "$PEER" --data "$DATA" --model cnn --threads 2 --batch 128 --train-epochs 1 --steps 40 --finetune-epochs 0 > "$OUT/peer-cnn-$r.json"
  java -jar "$JAR" bench --models cnn-small --kinds sgd,gradient-clipping --seconds 3 --repeats 3 > "$OUT/wb-cnn-$r.json"
  echo "round $r done" >&2
done
$PY - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def wb(name, r, kind):
    d = json.load(open(f"{out}/wb-{name}-{r}.json"))
    return next(x["steps_per_second"] for x in d["results"] if x["kind"] == kind)
rows = []
for model, peer, name in (("mlp-5", "tiny", "mlp"), ("cnn-small 28x28x1", "cnn", "cnn")):
    for kind, pkey in (("sgd", "train_steps_per_s"), ("gradient-clipping", "unlearn_steps_per_s")):
        p = [json.load(open(f"{out}/peer-{peer}-{r}.json"))[pkey] for r in range(1, rounds + 1)]
        w = [wb(name, r, kind) for r in range(1, rounds + 1)]
        ratio = [a / b for a, b in zip(w, p)]
        rows.append((model, kind, statistics.median(w), statistics.median(p), statistics.median(ratio)))
print(f"{'model':20} {'step':18} {'workbench':>10} {'peer':>10} {'ratio':>7}")
for m, k, w, p, r in rows:
    print(f"{m:20} {k:18} {w:10.1f} {p:10.1f} {r:7.2f}")
PY
echo "raw JSON in $OUT" >&2
