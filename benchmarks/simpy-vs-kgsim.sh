#!/usr/bin/env bash
# The same heartbeat model (shared/anchors/simpy_heartbeat.py) on SimPy and on kgsim's engine,
# alternately on this machine, and the ratio of their wall times.
#   benchmarks/simpy-vs-kgsim.sh [members] [virtual_seconds]      (defaults: 1000 3600)
# Needs Debian's SimPy (apt-get install python3-simpy3); installs nothing itself.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
members="${1:-1000}"
seconds="${2:-3600}"
anchor="$here/../shared/anchors/simpy_heartbeat.py"
[ -f "$anchor" ] || anchor="$here/shared/anchors/simpy_heartbeat.py"
if ! /usr/bin/python3 -c 'import simpy' 2>/dev/null; then
  echo "SimPy is not installed: apt-get install python3-simpy3" >&2
  exit 2
fi
jar="$here/benchmarks/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$here" && mvn -q -B install -DskipTests)
fi
# This VM's speed drifts by up to 2x over minutes, so the two run alternately, three times
# each, and the ratio is taken between the best runs (and between the medians).
simpy_times=()
kgsim_times=()
for round in 1 2 3; do
  simpy_line="$(/usr/bin/python3 "$anchor" "$members" "$seconds")"
  kgsim_line="$(java -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp "$jar" io.kgsim.bench.HeartbeatAnchor "$members" "$seconds")"
  echo "$simpy_line"
  echo "$kgsim_line"
  simpy_times+=("$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$simpy_line")")
  kgsim_times+=("$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$kgsim_line")")
done
simpy_sorted=($(printf '%s\n' "${simpy_times[@]}" | sort -g))
kgsim_sorted=($(printf '%s\n' "${kgsim_times[@]}" | sort -g))
awk -v s1="${simpy_sorted[0]}" -v k1="${kgsim_sorted[0]}" -v s2="${simpy_sorted[1]}" -v k2="${kgsim_sorted[1]}" 'BEGIN {
  printf "best: SimPy %.2f s, kgsim %.3f s: kgsim is %.1fx faster\n", s1, k1, s1 / k1;
  printf "median: SimPy %.2f s, kgsim %.3f s: kgsim is %.1fx faster\n", s2, k2, s2 / k2;
}'
