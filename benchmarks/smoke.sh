#!/usr/bin/env bash
# Every benchmark once, briefly (a few minutes on 2 cores): the smoke profile. Numbers from it
# are orders of magnitude; benchmarks/RESULTS.md says how the recorded figures were made.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$here/benchmarks/target/benchmarks.jar"
[ -f "$jar" ] || (cd "$here" && mvn -q -B install -DskipTests)
quick=(-wi 1 -w 1 -i 1 -r 1 -f 1)
java -jar "$jar" EventLoopBenchmark "${quick[@]}"
java -jar "$jar" ClientAssignorBenchmark -p members=100 -p partitions=1000 -p topics=10 -p subscription=HOMOGENEOUS -p rackAware=false "${quick[@]}"
java -jar "$jar" ServerAssignorBenchmark -p members=100 -p partitions=1000 -p topics=10 -p subscription=HOMOGENEOUS -p rackAware=false "${quick[@]}"
java -cp "$jar" io.kgsim.bench.AssignorQuality
java -XX:+UseParallelGC -XX:+UseTransparentHugePages -cp "$jar" io.kgsim.bench.HeartbeatAnchor 1000 3600
