#!/usr/bin/env bash
# Spark's overhead per run: the same seeded runs on a 2-thread pool in one JVM ("direct") and in
# embedded Spark local[2], back to back per round; with `cluster`, also the start-up of a
# standalone master + worker and whole driver processes (spark-submit) on it and on local[2].
# Usage (from anywhere, after `mvn -B package -DskipTests`):
#   scripts/bench-spark.sh [CONFIG] [RUNS] [ROUNDS] [cluster]
# Default CONFIG: the tests' tiny gradient-clipping run; the ~30 s run is
# spark-runner/src/test/resources/sweeps/bench-gradclip-30s.yaml. Prints one line per round.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
CONFIG=${1:-spark-runner/src/test/resources/sweeps/tiny-gradclip.yaml}
RUNS=${2:-8}
ROUNDS=${3:-3}
T=spark-runner/target
[ -f "$T/unlearning-spark-runner.jar" ] && [ -d "$T/test-classes" ] \
  || { echo "missing $T/unlearning-spark-runner.jar or test classes: run mvn -B package -DskipTests" >&2; exit 2; }
exec java @spark-runner/spark-java.options -Xmx3g -cp "$T/test-classes:$T/unlearning-spark-runner.jar:$T/spark-home/jars/*" \
  org.unlearning.workbench.spark.SparkOverheadBenchmark "$CONFIG" "$RUNS" "$ROUNDS" ${4:-}
