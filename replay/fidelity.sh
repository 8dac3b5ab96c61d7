#!/usr/bin/env bash
# Runs the whole fidelity suite (every case under every strategy, real broker against
# simulation) and writes its table into README.md's "Fidelity" section, between the
# fidelity-table markers. Takes about 25 minutes on 2 cores. Extra arguments go to Maven, e.g.
#   replay/fidelity.sh -Dkgsim.fidelity=crash,gc-long   (only those cases; the table then has only them)
#   replay/fidelity.sh -Dkgsim.fidelity=crash/consumer-range   (one case under one strategy)
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$here"
status=0
mvn -B -Dstyle.color=never -pl replay -am test -Dtest=FidelitySuiteTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dkgsim.fidelity=all "$@" || status=$?
table=replay/target/fidelity/fidelity.md
if [ ! -s "$table" ]; then
  echo "fidelity.sh: the suite wrote no table ($table); README.md is unchanged" >&2
  exit 1
fi
awk -v table="$table" '
  /<!-- fidelity-table:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- fidelity-table:end -->/ { skip = 0 }
  !skip { print }
' README.md > README.md.tmp && mv README.md.tmp README.md
echo "fidelity.sh: README.md's table rewritten from $table (suite exit status $status)"
exit "$status"
