#!/usr/bin/env bash
# Back-to-back speed comparison of the workbench's `bench` with the PyTorch peer script
# (Debian python3-torch: apt-get install python3-torch), same batch (128) and threads (2).
# Usage: scripts/bench-vs-peer.sh PATH/TO/torch_peer.py [ROUNDS]   (after `mvn -B package -DskipTests`)
#
# Per round, alternating peer and workbench:
#   mlp-5 / tiny        28x28x1 bundled MNIST: plain SGD and the gradient-clipping noisy step
#   cnn-small / cnn     28x28x1 bundled MNIST: plain SGD, gradient clipping, model clipping
#   cnn-small 32x32x3   seeded random CIFAR-10-shaped inputs: the same three steps
# The peer runs its own code; for 32x32x3 its model is built with channels=3 and its data loader
# replaced by seeded random tensors (the peer has no CIFAR loader). The peer has no model-clipping
# loop: the one used here is written in the peer's style below (x <- proj_C2(x - eta(g + lam x)) + noise,
# C2 = the peer's c0) and labelled as such. Prints one median table of ratios (workbench / peer) and
# the load average; absolute figures drift on shared machines, compare ratios of runs made back to back.
set -euo pipefail
PEER=${1:?usage: $0 PATH/TO/torch_peer.py [ROUNDS]}
ROUNDS=${2:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/workbench/target/unlearning-workbench.jar"
DATA="$ROOT/assets/mnist"
PY=/usr/bin/python3
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -B package -DskipTests" >&2; exit 2; }
[ -f "$PEER" ] || { echo "missing peer script $PEER" >&2; exit 2; }
$PY -c 'import torch' 2>/dev/null || { echo "PyTorch missing: apt-get install python3-torch" >&2; exit 2; }
OUT=$(mktemp -d)

# The peer, unchanged, plus: --channels 3 (random 3x32x32 data), and a model-clipping loop in its style.
cat > "$OUT/peer_wrapper.py" <<'PY'
import importlib.util, json, math, sys, time
import torch, torch.nn.functional as F
peer_path, mode = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("torch_peer", peer_path)
peer = importlib.util.module_from_spec(spec)
spec.loader.exec_module(peer)
args = sys.argv[3:]
if "--channels3" in args:
    args.remove("--channels3")
    small_cnn = peer.SmallCNN
    peer.SmallCNN = lambda: small_cnn(channels=3)
    def random_cifar_shaped(_):
        g = torch.Generator().manual_seed(7)
        x = torch.rand(2048, 3, 32, 32, generator=g)
        y = torch.arange(2048) % 10
        return x, y, x[:512], y[:512]
    peer.load = random_cifar_shaped
if mode == "peer":
    sys.argv = [peer_path] + args
    peer.main()
    sys.exit(0)
# mode == "model-clipping": the peer's setup, then noisy model-clipping steps written in its style
import argparse
ap = argparse.ArgumentParser()
for k, v in (("--data", None), ("--model", "cnn"), ("--threads", 2), ("--batch", 128), ("--steps", 40),
             ("--sigma", 0.01), ("--c0", 7.0), ("--lr", 0.01), ("--lam", 0.01), ("--seed", 1)):
    ap.add_argument(k, default=v, type=type(v) if v is not None else str)
a, _ = ap.parse_known_args(args)
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)
gen = torch.Generator().manual_seed(a.seed)
xtr, ytr, _, _ = peer.load(a.data)
m = peer.Tiny() if a.model == "tiny" else peer.SmallCNN()
params = peer.flat_params(m)
def step(idx):
    m.zero_grad(set_to_none=True)
    F.cross_entropy(m(xtr[idx]), ytr[idx]).backward()
    with torch.no_grad():
        for p in params:
            p.sub_(a.lr * (p.grad + a.lam * p))
        norm = peer.global_norm(params)
        f = min(1.0, a.c0 / norm) if norm > 0 else 1.0
        for p in params:
            p.mul_(f)
            p.add_(torch.randn(p.shape, generator=gen) * a.sigma)
perm = torch.randperm(len(xtr), generator=gen)
for i in range(5):  # warm-up (oneDNN primitive creation)
    step(perm[i * a.batch:(i + 1) * a.batch])
t0 = time.perf_counter()
done = 0
while done < a.steps:
    perm = torch.randperm(len(xtr), generator=gen)
    for i in range(0, len(xtr) - a.batch + 1, a.batch):
        if done >= a.steps:
            break
        step(perm[i:i + a.batch])
        done += 1
print(json.dumps({"model_clipping_steps_per_s": done / (time.perf_counter() - t0), "steps": done}))
PY

W="$PY $OUT/peer_wrapper.py $PEER"
for r in $(seq "$ROUNDS"); do
  $W peer --data "$DATA" --model tiny --threads 2 --batch 128 --train-epochs 5 --steps 1000 > "$OUT/peer-tiny-$r.json"
  java -jar "$JAR" bench --models mlp-5 --kinds sgd,gradient-clipping --noise secure,current --seconds 2 --repeats 3 > "$OUT/wb-mlp-$r.json"
  $W peer --data "$DATA" --model cnn --threads 2 --batch 128 --train-epochs 2 --steps 40 --finetune-epochs 0 > "$OUT/peer-cnn-$r.json"
  $W model-clipping --data "$DATA" --model cnn --threads 2 --batch 128 --steps 40 > "$OUT/peermc-cnn-$r.json"
  java -jar "$JAR" bench --models cnn-small --kinds sgd,gradient-clipping,model-clipping --noise secure,current --seconds 3 --repeats 3 > "$OUT/wb-cnn-$r.json"
  $W peer --channels3 --data "$DATA" --model cnn --threads 2 --batch 128 --train-epochs 2 --steps 40 --finetune-epochs 0 > "$OUT/peer-cifar-$r.json"
  $W model-clipping --channels3 --data "$DATA" --model cnn --threads 2 --batch 128 --steps 40 > "$OUT/peermc-cifar-$r.json"
  java -jar "$JAR" bench --models cnn-small-32x32x3 --kinds sgd,gradient-clipping,model-clipping --noise secure,current --seconds 3 --repeats 3 > "$OUT/wb-cifar-$r.json"
  echo "round $r done ($(uptime | sed 's/.*load/load/'))" >&2
done
$PY - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def load(name):
    return json.load(open(f"{out}/{name}.json"))
def wb(name, r, kind, noise="secure"):
    return next(x["steps_per_second"] for x in load(f"wb-{name}-{r}")["results"]
                if x["kind"] == kind and x.get("noise", noise) == noise)
rows = []
cases = (("mlp-5 28x28x1", "tiny", "mlp", ("sgd", "gradient-clipping")),
         ("cnn-small 28x28x1", "cnn", "cnn", ("sgd", "gradient-clipping", "model-clipping")),
         ("cnn-small 32x32x3", "cifar", "cifar", ("sgd", "gradient-clipping", "model-clipping")))
keys = {"sgd": ("peer", "train_steps_per_s"), "gradient-clipping": ("peer", "unlearn_steps_per_s"),
        "model-clipping": ("peermc", "model_clipping_steps_per_s")}
for model, peer, name, kinds in cases:
    for kind in kinds:
        prefix, pkey = keys[kind]
        p = [load(f"{prefix}-{peer}-{r}")[pkey] for r in range(1, rounds + 1)]
        w = [wb(name, r, kind) for r in range(1, rounds + 1)]
        cur = [wb(name, r, kind, "current") for r in range(1, rounds + 1)]
        ratio = [a / b for a, b in zip(w, p)]
        rows.append((model, kind + (" (peer-style loop)" if kind == "model-clipping" else ""),
                     statistics.median(w), statistics.median(cur), statistics.median(p), statistics.median(ratio)))
# workbench noisy steps: the secure generator (engine.noise); "current": today's seeded SplittableRandom
print(f"{'model':20} {'step':34} {'workbench':>10} {'(current)':>10} {'peer':>10} {'ratio':>7}")
for m, k, w, c, p, r in rows:
    print(f"{m:20} {k:34} {w:10.1f} {c:10.1f} {p:10.1f} {r:7.2f}")
PY
echo "raw JSON in $OUT; $(uptime)" >&2
