#!/usr/bin/env bash
# The ingest benchmark: generates an article archive, then prints the end-to-end ingest rate of
# articleAuditJob (parse + PostgreSQL), the parse-only rate on the same files, their ratio and the
# peak heap. A benchmark, not a test; it exits 1 when the run it measured was wrong.
#
# usage: bench/ingest.sh [--files N] [--dir PATH] [--db-url JDBC_URL]
#   --files N      article files to generate and ingest (default 100000)
#   --dir PATH     where the archive is generated (default batch-jobs/target/bench-archive/files-N);
#                  reused when it already holds N files from the same generator
#   --db-url URL   an empty PostgreSQL database, user postgres (default: a fresh database on
#                  127.0.0.1:5432, or an embedded PostgreSQL when none answers there)
# environment:
#   BENCH_XMX      maximum heap of the benchmark JVM (default 256m, the goal)
#   JAVA_OPTS      more JVM options, e.g. -XX:StartFlightRecording=filename=bench-out/ingest.jfr
#   BENCH_SKIP_BUILD=1  reuse the classes and classpath of an earlier run
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-jobs/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  # batch-core and batch-jobs only (with their test classes); batch-app is not needed.
  (cd "$root" && ./mvnw -B -q -DskipTests -pl batch-jobs -am install)
  (cd "$root" && ./mvnw -B -q -pl batch-jobs dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec java -Xmx"${BENCH_XMX:-256m}" ${JAVA_OPTS:-} \
  -Dnewsprobe.bench.dir="$root/batch-jobs/target/bench-archive" \
  -cp "$root/batch-jobs/target/test-classes:$root/batch-jobs/target/classes:$(cat "$classpath_file")" \
  dev.newsprobe.jobs.bench.IngestBenchmark "$@"
