#!/usr/bin/env bash
# Runs a sweep on a real (if small) Spark cluster on this machine, the way spark-submit runs it
# on yours: a standalone master and worker, each in its own JVM, and executors the worker starts
# in JVMs of their own, which receive kgsim-spark.jar over the network and rebuild the sweep from
# the text the driver broadcasts. Then runs the same sweep with the local engine and checks that
# runs.csv and cells.csv are the same bytes. Needs no Spark distribution: Spark's jars come from
# the spark module's Maven class path, gathered into a SPARK_HOME under a temporary folder.
#
# Usage: spark/standalone-check.sh [SWEEP.yaml [SEEDS]]   (default: the crash sweep, seeds 1..5)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sweep="$(readlink -f "${1:-$here/scenarios/sweeps/crash-session-timeout.yaml}")"
seeds="${2:-1..5}"
t="$here/spark/target"
if [ ! -f "$t/kgsim-spark.jar" ] || [ ! -f "$t/classpath-provided.txt" ]; then
  (cd "$here" && mvn -B -q -pl spark -am package -DskipTests)
fi
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# A SPARK_HOME as a distribution lays it out: jars/ (Spark and what it logs and parses JSON
# with), RELEASE, and the Scala version the launcher would read off a build.
mkdir -p "$work/home/jars"
tr ':' '\n' < "$t/classpath-provided.txt" | xargs -I{} ln -s {} "$work/home/jars/"
tr ':' '\n' < "$t/classpath-runtime.txt" | grep -E 'slf4j|log4j|jackson-(core|databind|annotations)' | xargs -I{} ln -sf {} "$work/home/jars/"
touch "$work/home/RELEASE"
export SPARK_HOME="$work/home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
opts=$(cat "$t/jvm-options.txt")
port=$((20000 + RANDOM % 20000))
# shellcheck disable=SC2086
java $opts -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port 0 \
  >"$work/master.log" 2>&1 & pids+=($!)
sleep 5
# shellcheck disable=SC2086
java $opts -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker "spark://127.0.0.1:$port" --host 127.0.0.1 \
  --cores 2 --memory 2g --webui-port 0 --work-dir "$work/worker" >"$work/worker.log" 2>&1 & pids+=($!)
sleep 5

echo "sweep on the standalone cluster spark://127.0.0.1:$port (executors in their own JVMs):"
# What spark-submit --class io.kgsim.spark.SparkSweepMain kgsim-spark.jar does, without the script.
# shellcheck disable=SC2086
java $opts -Dspark.master="spark://127.0.0.1:$port" -Dspark.jars="$t/kgsim-spark.jar" -Dspark.executor.memory=1g \
  -Dlog4j2.configurationFile=io/kgsim/spark/log4j2-embedded.properties \
  -cp "$t/kgsim-spark.jar:$SPARK_HOME/jars/*" io.kgsim.spark.SparkSweepMain "$sweep" --seeds "$seeds" --out "$work/cluster"
tasks=$(cat "$work"/worker/app-*/*/stderr 2>/dev/null | grep -c "Running task" || true)
echo "the worker's executors ran $tasks tasks"
echo "the same sweep with the local engine:"
"$here/kgsim" sweep "$sweep" --seeds "$seeds" --out "$work/local" | head -2
for f in runs.csv cells.csv; do
  cmp "$work/cluster/$f" "$work/local/$f"
done
echo "runs.csv and cells.csv: the same bytes on the cluster as with the local engine"
