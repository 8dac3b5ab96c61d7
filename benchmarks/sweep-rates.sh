#!/usr/bin/env bash
# Runs per second of `kgsim sweep` on this machine: each bundled scenario as a sweep of nothing
# varied (its own strategy lineup x SEEDS seeds), timed whole (JVM start and writing included),
# with the local engine on THREADS threads and, with --spark, the same sweep with the Spark
# engine in local[THREADS]. Prints one Markdown table row per scenario, for benchmarks/RESULTS.md.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: benchmarks/sweep-rates.sh [--spark] [--seeds N] [--threads N] [FILE.yaml...]

  FILE.yaml  scenarios to sweep (default: every scenarios/*.yaml)
  --seeds    seeds per strategy (default 10)
  --threads  threads of the local engine, and Spark's local[N] (default 2)
  --spark    also time the Spark engine on the same sweep, and check both runs.csv are equal
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seeds=10 threads=2 spark=false files=()
while [ $# -gt 0 ]; do
  case "$1" in
    --spark) spark=true ;;
    --seeds) seeds="$2"; shift ;;
    --threads) threads="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    -*) usage >&2; exit 2 ;;
    *) files+=("$1") ;;
  esac
  shift
done
[ ${#files[@]} -gt 0 ] || files=("$here"/scenarios/*.yaml)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Seconds, to the millisecond, that "$@" takes.
timed() {
  local start end
  start=$(date +%s%N)
  # 3 (a run failed) and 4 (a run broke an invariant) still wrote every file: the time counts.
  local rc=0
  "$@" >/dev/null 2>"$work/err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ] && [ "$rc" -ne 4 ]; then cat "$work/err" >&2; return 1; fi
  [ "$rc" -eq 0 ] || sed 's/^/  /' "$work/err" >&2
  end=$(date +%s%N)
  printf "%.3f" "$(echo "scale=3; ($end - $start) / 1000000000" | bc)"
}

if $spark; then
  echo "| scenario | runs | local s | local runs/s | spark s | spark runs/s | spark / local |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
else
  echo "| scenario | runs | seconds | runs/s |"
  echo "|---|---:|---:|---:|"
fi
for f in "${files[@]}"; do
  name="$(basename "$f" .yaml)"
  sweep="$work/$name.yaml"
  printf 'name: %s\nscenario: %s\nseeds: %s\n' "$name" "$(readlink -f "$f")" "$seeds" > "$sweep"
  local_s=$(timed "$here/kgsim" sweep "$sweep" --threads "$threads" --out "$work/$name-local")
  runs=$(($(wc -l < "$work/$name-local/runs.csv") - 1))
  local_rate=$(printf "%.2f" "$(echo "scale=2; $runs / $local_s" | bc)")
  if $spark; then
    spark_s=$(timed "$here/kgsim" sweep "$sweep" --threads "$threads" --engine spark --out "$work/$name-spark")
    cmp -s "$work/$name-local/runs.csv" "$work/$name-spark/runs.csv" || { echo "$name: runs.csv differs between engines" >&2; exit 1; }
    spark_rate=$(printf "%.2f" "$(echo "scale=2; $runs / $spark_s" | bc)")
    echo "| $name | $runs | $local_s | $local_rate | $spark_s | $spark_rate | $(printf "%.2f" "$(echo "scale=2; $spark_s / $local_s" | bc)") |"
  else
    echo "| $name | $runs | $local_s | $local_rate |"
  fi
done
