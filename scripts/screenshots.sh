#!/usr/bin/env bash
# README screenshots of the window after a real run, under Xvfb (window's own Scene.snapshot).
#   scripts/screenshots.sh [preset-free: uses the first-start preset, mnist-gradclip]
# Needs: mvn -pl workbench -DskipTests package, xvfb-run. Writes assets/screenshots/*.png:
#   workbench-1600x1000.png, workbench-1280x720.png, presentation-1600x1000.png, presentation-1280x720.png,
#   guide-1600x1000.png, guide-presentation-1280x720.png (the guided lesson at its charts step)
set -euo pipefail
cd "$(dirname "$0")/.."
jar=workbench/target/unlearning-workbench.jar
out=${OUT:-assets/screenshots}
mkdir -p "$out"
shoot() {  # size presentation name [guided-lesson step]; ONLY=word shoots only the names containing it
  [[ -z "${ONLY:-}" || "$3" == *"${ONLY}"* ]] || return 0
  local home
  home=$(mktemp -d)
  UW_HOME="$home" UW_SIZE="$1" UW_PRESENTATION="$2" UW_GUIDE="${4:-}" UW_AUTORUN=true UW_SCREENSHOT="$(realpath -m "$out")/$3.png" \
    UW_EXIT_AFTER_SCREENSHOT=true timeout 600 xvfb-run -a -s "-screen 0 ${1}x24" \
    nice java -Xmx2g -cp "$jar:workbench/target/lib/*" org.unlearning.workbench.app.fx.WorkbenchLauncher
  rm -rf "$home"
  echo "wrote $out/$3.png"
}
shoot 1600x1000 false workbench-1600x1000
shoot 1280x720 false workbench-1280x720
shoot 1600x1000 true presentation-1600x1000
shoot 1280x720 true presentation-1280x720
shoot 1600x1000 false guide-1600x1000 8
shoot 1280x720 true guide-presentation-1280x720 8
