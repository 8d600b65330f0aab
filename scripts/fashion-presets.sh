#!/usr/bin/env bash
# Measures the fashion-* presets (docs/reproduction.md, Fashion-MNIST section): runs
# `unlearn --preset P --seed S [--param k=v ...]` for each line of a plan, nice'd with -Xmx2g, and
# appends one row per run (preset, overrides, seed, status, ε, δ, noisy steps, σ, test accuracy of the
# release and of the retrain baseline, examples to the target accuracy, compute savings, wall time)
# to RESULTS.tsv. Needs the Debian dataset-fashion-mnist and the jar (mvn -pl workbench -DskipTests package).
#
# Usage: scripts/fashion-presets.sh OUT_DIR [PLAN_FILE]
#   PLAN_FILE lines: "PRESET SEEDS [key=value ...]", e.g. "fashion-gradclip 0,1,2 c0=1 c1=1"
#   (default plan: every fashion preset at its own setting, seeds 0,1,2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-"$ROOT/workbench/target/unlearning-workbench.jar"}   # JAR=... to run a copy while rebuilding
OUT=${1:?usage: $0 OUT_DIR [PLAN_FILE]}
PLAN=${2:-}
[ -f "$JAR" ] || { echo "missing $JAR: run mvn -pl workbench -DskipTests package" >&2; exit 2; }
[ -d /usr/share/datasets/fashion-mnist ] || { echo "Fashion-MNIST missing: apt-get install dataset-fashion-mnist" >&2; exit 2; }
mkdir -p "$OUT"
TSV="$OUT/RESULTS.tsv"
[ -f "$TSV" ] || printf 'preset\toverrides\tseed\tstatus\tepsilon\tdelta\tnoisy_steps\tsigma\ttest_acc\tretrain_test_acc\ttarget_acc\tunlearn_examples\tretrain_examples\tsavings\twall_s\tretrain_wall_s\n' > "$TSV"
default_plan() {
  for p in fashion-gradclip fashion-modelclip fashion-output-perturbation fashion-dpsgd fashion-newton; do
    echo "$p 0,1,2"
  done
}
cd "$ROOT"
{ if [ -n "$PLAN" ]; then grep -v '^\s*\(#\|$\)' "$PLAN"; else default_plan; fi; } | while read -r preset seeds rest; do
  params=(); tag=""
  for kv in $rest; do params+=(--param "$kv"); tag="$tag${tag:+,}$kv"; done
  for seed in ${seeds//,/ }; do
    dir="$OUT/$preset${tag:+-${tag//[=,]/_}}-s$seed"
    if [ ! -f "$dir/summary.json" ]; then
      rm -rf "$dir"
      nice -n 10 java -Xmx2g -jar "$JAR" unlearn --preset "$preset" --seed "$seed" "${params[@]}" \
        --out "$dir" --quiet > "$dir.log" 2>&1 || { echo "FAILED $preset $tag seed $seed (see $dir.log)" >&2; continue; }
    fi
    jq -r --arg p "$preset" --arg t "${tag:--}" --arg s "$seed" '[$p, $t, $s, .status,
        (.requests[0].epsilon // "-"), (.requests[0].delta // "-"), (.noisy_steps // .requests[0].noisy_steps // "-"),
        (.requests[0].sigma // "-"), .test_accuracy, (.retrain.test_accuracy // "-"),
        (.compute_savings.target_accuracy // "-"), (.compute_savings.unlearn_examples // "-"),
        (.compute_savings.retrain_examples // "-"), (.compute_savings.savings // "-"),
        .wall_seconds, (.retrain.wall_seconds // "-")] | @tsv' "$dir/summary.json" >> "$TSV"
    tail -1 "$TSV"
  done
done
