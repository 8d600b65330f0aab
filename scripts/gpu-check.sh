#!/usr/bin/env bash
# GPU check, for a machine with an NVIDIA GPU: does the workbench's CUDA build select the GPU, does
# it compute the same results there, and how fast is it? (This project's machines have no GPU: the
# CUDA build is built and its CPU fallback tested there, but this script has not yet run on a GPU.)
#
# What it measures, each step with its own time limit (7 minutes in all, after the build):
#   device      nvidia-smi (when present) and the workbench's own CUDA probe (`info`, -Duw.backend=cuda:
#               stops here, with the reason, when CUDA is not usable)
#   bench-gpu   `bench` on the GPU: mlp-5, cnn-small 28×28×1 and 32×32×3 — plain SGD, gradient- and
#               model-clipping noisy steps, evaluation (steps/s, batch 128)
#   bench-cpu   the same for mlp-5 and cnn-small on this machine's CPU backend, for comparison
#   evaluate    correctness: sample-models/fashion-cnn-small evaluated on the GPU over the 10,000
#               Fashion-MNIST test images, against the test accuracy recorded when it was trained on
#               the CPU (they should agree to ~1e-3; float32 sums run in another order on the GPU)
#   unlearn     a short Fashion-MNIST cnn-small gradient-clipping run on the GPU from that sample
#               original with the paper's CIFAR-10 settings (ε = 1, δ = 1e-5, C0 = 20, C1 = 10,
#               η = 0.01, λ = 50: T = 11 noisy steps, σ = 1.47), then 1 fine-tune epoch; not a tuned
#               preset — the noisy phase wrecks the accuracy (0.10 after it, measured on the CPU) and
#               fine-tuning has to recover it: certificate status, accuracies, time per step. On the
#               project's 2-core CPU (load 5–7) this run needs ≈ 140 s; partial metrics stay in
#               DIR/unlearn-run/metrics.csv if the limit stops it
# Output: DIR/summary.json, plus every command's JSON (DIR/<step>.json) and stderr (DIR/<step>.log).
#
# Usage: scripts/gpu-check.sh [DIR]        (default DIR: gpu-check-<date>)
#        GPU_CHECK_BACKEND=cpu scripts/gpu-check.sh   runs every "GPU" step on the CPU backend instead
#        (to try the script itself on a machine without a GPU; the summary then says backend CPU)
# Needs: JDK 17+, Maven (the first run builds `mvn -Pcuda -DskipTests package`, ~610 MB download),
#        the Debian package dataset-fashion-mnist, an NVIDIA driver for CUDA ≥ 11.0 (R450+, R510+
#        recommended) and the CUDA 11.x runtime libraries (libcudart.so.11.0, libcublasLt.so.11,
#        libcublas.so.11, libcusolver.so.11) on the library path — see README "GPU".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${1:-gpu-check-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$OUT"
JAR=workbench/target/unlearning-workbench.jar

# A CUDA build lists the CUDA backend in its jar's class path (manifest lines wrap: join them first);
# without unzip, look for its jar in lib/ (which a later CPU build does not clean out).
cuda_build() {
  [ -f "$JAR" ] || return 1
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$JAR" META-INF/MANIFEST.MF | tr -d '\r\n ' | grep -q 'lib/nd4j-cuda-'
  else
    ls workbench/target/lib/nd4j-cuda-*.jar >/dev/null 2>&1
  fi
}
if ! cuda_build; then
  echo "building the CUDA distribution: mvn -B -q -Pcuda -DskipTests package" >&2
  mvn -B -q -Pcuda -DskipTests package || { echo "the -Pcuda build failed" >&2; exit 2; }
fi
if [ ! -d /usr/share/datasets/fashion-mnist ]; then
  echo "Fashion-MNIST is missing: sudo apt-get install dataset-fashion-mnist" >&2
  exit 2
fi
# The first kernel launch on a GPU newer than the build JIT-compiles the library's PTX; let the
# driver's cache keep all of it (the default 256 MB is too small for ND4J's 900 MB library).
export CUDA_CACHE_MAXSIZE=${CUDA_CACHE_MAXSIZE:-4294967296}

GPU=(java -Xmx4g "-Duw.backend=${GPU_CHECK_BACKEND:-cuda}" -jar "$JAR")
CPU=(java -Xmx4g -Duw.backend=cpu -jar "$JAR")
STEPS=()
START=$(date +%s)

json_string() { # a JSON string literal of $1
  printf '"%s"' "$(printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | tr '\n\t' '  ')"
}

# step NAME LIMIT_SECONDS COMMAND...: stdout → OUT/NAME.json, stderr → OUT/NAME.log
step() {
  local name=$1 limit=$2
  shift 2
  local t0 t1 rc
  t0=$(date +%s)
  timeout "$limit" "$@" > "$OUT/$name.json" 2> "$OUT/$name.log"
  rc=$?
  t1=$(date +%s)
  local note=""
  [ "$rc" = 124 ] && note=" (time limit ${limit} s reached)"
  echo "$name: exit $rc in $((t1 - t0)) s$note" >&2
  STEPS+=("$(json_string "$name"): {\"exit\": $rc, \"seconds\": $((t1 - t0)), \"limit_seconds\": $limit}")
  return "$rc"
}

summary() {
  local f="$OUT/summary.json"
  {
    echo "{"
    echo "  \"nvidia_smi\": $(json_string "$(cat "$OUT/nvidia-smi.txt")"),"
    echo "  \"backend_line\": $(json_string "$(grep -m1 '^ND4J backend:\|^error:' "$OUT/info.log" 2>/dev/null)"),"
    echo "  \"seconds_total\": $(($(date +%s) - START)),"
    echo "  \"steps\": {"
    local i
    for i in "${!STEPS[@]}"; do
      [ "$i" -gt 0 ] && echo ","
      printf '    %s' "${STEPS[$i]}"
    done
    echo ""
    echo "  },"
    [ -f sample-models/fashion-cnn-small/model.json ] \
      && echo "  \"sample_model_recorded\": $(cat sample-models/fashion-cnn-small/model.json),"
    local part first=1
    echo "  \"outputs\": {"
    for part in info bench-gpu bench-cpu evaluate unlearn; do
      if [ -s "$OUT/$part.json" ] && head -c1 "$OUT/$part.json" | grep -q '{'; then
        [ $first = 1 ] || echo ","
        printf '    "%s": ' "$part"
        cat "$OUT/$part.json"
        first=0
      fi
    done
    echo ""
    echo "  }"
    echo "}"
  } > "$f"
  echo "summary: $f" >&2
}

nvidia-smi --query-gpu=name,compute_cap,memory.total,driver_version --format=csv,noheader \
  > "$OUT/nvidia-smi.txt" 2>&1 || echo "nvidia-smi not available" > "$OUT/nvidia-smi.txt"
echo "device (nvidia-smi): $(head -1 "$OUT/nvidia-smi.txt")"

if ! step info 60 "${GPU[@]}" info; then
  echo "CUDA is not usable here: $(grep -m1 '^error:\|^ND4J backend:' "$OUT/info.log" || tail -1 "$OUT/info.log")" >&2
  summary
  exit 1
fi
echo "$(grep -m1 '^ND4J backend:' "$OUT/info.log")"

step bench-gpu 110 "${GPU[@]}" bench --models mlp-5,cnn-small,cnn-small-32x32x3 --seconds 2 --warmup 2 --repeats 3
step bench-cpu 60 "${CPU[@]}" bench --models mlp-5,cnn-small --seconds 2 --warmup 1 --repeats 3
step evaluate 45 "${GPU[@]}" evaluate sample-models/fashion-cnn-small --data fashion-mnist --split test

cat > "$OUT/fashion-cnn-gradclip-short.yaml" <<'YAML'
# gpu-check: a short gradient-clipping run (theory.md §4) on Fashion-MNIST cnn-small; not a tuned preset
name: gpu-check-fashion-cnn-gradclip
data:
  source: fashion-mnist
  validation_fraction: 0.1
  forget_fraction: 0.1
  split_seed: 0
  evaluation_limit: 1000
model:
  path: sample-models/fashion-cnn-small
  architecture: cnn-small
method:
  type: gradient_clipping
  epsilon: 1.0
  delta: 1.0e-5
  batch_size: 128
  init_clip: 20.0
  grad_clip: 10.0
  learning_rate: 0.01
  weight_decay: 50.0
  schedule: constant
fine_tune:
  epochs: 1
  learning_rate: 0.1
  schedule: one_cycle
  weight_decay: 5.0e-4
  batch_size: 128
retrain_baseline: false
seed: 0
noise: seeded
evaluations_per_epoch: 1
YAML
step unlearn 150 "${GPU[@]}" unlearn --config "$OUT/fashion-cnn-gradclip-short.yaml" --out "$OUT/unlearn-run" --quiet
cp "$OUT/unlearn-run/summary.json" "$OUT/unlearn.json" 2>/dev/null
summary
