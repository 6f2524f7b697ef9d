#!/usr/bin/env bash
# The report benchmark: result tables the size of a large archive generated in PostgreSQL, then
# the report of the execution made from them. Prints the report's time, its CSV rows and bytes, and
# the peak heap. A benchmark, not a test; it exits 1 when the CSV misses or repeats a row.
#
# usage: bench/report.sh [--articles N] [--db-url JDBC_URL]
#   defaults: 100000 articles (500,000 links, 301,000 URLs), a fresh database on 127.0.0.1:5432
# environment: BENCH_XMX (default 256m), JAVA_OPTS, BENCH_SKIP_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-jobs/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  # built in the reactor, nothing installed: the classpath points at the modules' target/classes
  (cd "$root" && ./mvnw -B -q -DskipTests -pl batch-jobs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

# shellcheck source=bench/jvm.sh
source "$root/bench/jvm.sh"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec java $gc_option -Xmx"${BENCH_XMX:-256m}" ${JAVA_OPTS:-} \
  -cp "$root/batch-jobs/target/test-classes:$root/batch-jobs/target/classes:$(cat "$classpath_file")" \
  dev.newsprobe.jobs.bench.ReportBenchmark "$@"
