#!/usr/bin/env bash
# The same heartbeat model (shared/anchors/simpy_heartbeat.py) on SimPy and on kgsim's engine,
# one after the other on this machine, and the ratio of their wall times.
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
simpy_line="$(/usr/bin/python3 "$anchor" "$members" "$seconds")"
kgsim_line="$(java -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp "$jar" io.kgsim.bench.HeartbeatAnchor "$members" "$seconds")"
echo "$simpy_line"
echo "$kgsim_line"
simpy_s="$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$simpy_line")"
kgsim_s="$(sed -n 's/.*wall_s=\([0-9.]*\).*/\1/p' <<<"$kgsim_line")"
awk -v a="$simpy_s" -v b="$kgsim_s" 'BEGIN { printf "kgsim is %.1fx faster than SimPy on this model\n", a / b }'
