#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 600, the issue's ten
# minutes), one after another, starting from the saved corpus copied into a
# scratch corpus (new inputs go there, not into the source tree: keep only
# minimised reproducers and a few inputs that reach new code in corpus/).
# Crashes go to ARTIFACTS/<target>/; the exit status is 1 if there are any.
# Usage: tests/fuzz/run_all.sh BUILD_DIR [SECONDS] [ARTIFACTS]
#   where BUILD_DIR was set up with: CXX=clang++ meson setup BUILD_DIR -Dfuzzing=true
set -uo pipefail
build=${1:?usage: run_all.sh BUILD_DIR [SECONDS] [ARTIFACTS]}
seconds=${2:-600}
artifacts=${3:-$build/fuzz-artifacts}
here=$(cd "$(dirname "$0")" && pwd)
status=0
for binary in "$build"/tests/fuzz/fuzz_*; do
  [ -f "$binary" ] && [ -x "$binary" ] || continue  # skip meson's fuzz_*.p folders
  target=${binary##*/fuzz_}
  scratch="$build/fuzz-corpus/$target"
  mkdir -p "$scratch" "$artifacts/$target"
  # Seeds, but not the reproducers of open bugs: libFuzzer would stop on them.
  find "$here/corpus/$target" -type f ! -name 'crash-*' -exec cp -t "$scratch" {} +
  echo "== $target: ${seconds} s"
  # -max_len: JSONL and HTML inputs need room; -timeout: a slow input is a bug.
  "$binary" "$scratch" -max_total_time="$seconds" -max_len=16384 \
    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target/" 2>&1 | grep -E '^(#[0-9]+ +DONE|==[0-9]+==ERROR|SUMMARY|stat::number_of_executed_units|stat::peak_rss)|crash-|timeout-|oom-|leak-' \
    || true
  [ -n "$(ls -A "$artifacts/$target")" ] && status=1
done
exit $status
