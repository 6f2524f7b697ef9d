#!/usr/bin/env bash
# Makes samples/report/ again: the sample archive and a few articles on local fixture sites audited
# over three nights on a fresh database of the local PostgreSQL, and a screenshot of the last night's
# HTML report in headless Chromium (Debian's chromium package; the npm package playwright-core is
# installed into batch-jobs/src/test/browser when missing). Not a test.
#
# usage: bench/sample-report.sh [TARGET_DIR]   (default samples/report)
# environment: BENCH_SKIP_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-jobs/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -pl batch-jobs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

cd "$root"
exec java -Xmx512m -cp "$root/batch-jobs/target/test-classes:$root/batch-jobs/target/classes:$(cat "$classpath_file")" \
  dev.newsprobe.jobs.bench.SampleReport "${1:-samples/report}"
