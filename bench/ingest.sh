#!/usr/bin/env bash
# The ingest benchmark: generates an article archive, then prints the end-to-end rate of the
# ingest steps of articleAuditJob (parse + PostgreSQL), the parse-only rate on the same files,
# their ratio and the peak heap. A benchmark, not a test; it exits 1 when the run it measured
# was wrong, 2 on a usage error.
#
# usage: bench/ingest.sh [--files N] [--partitions N] [--dir PATH] [--db-url JDBC_URL]
#   --files N      article files to generate and ingest (default 100000)
#   --partitions N ingest partitions at once, as newsprobe.partition.count (default 1, the single step)
#   --dir PATH     where the archive is generated (default batch-jobs/target/bench-archive/files-N);
#                  reused when it already holds N files from the same generator
#   --db-url URL   an empty PostgreSQL database, user postgres (default: database
#                  np_ingestbenchmark, dropped and created again on 127.0.0.1:5432, or an
#                  embedded PostgreSQL when nothing answers there)
# environment:
#   BENCH_XMX         maximum heap of the benchmark JVM (default 256m, the goal)
#   JAVA_OPTS         more JVM options, e.g. -XX:StartFlightRecording=filename=bench-out/ingest.jfr
#   BENCH_SKIP_BUILD  1 to reuse the classes and classpath of an earlier build
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-jobs/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  # batch-core and batch-jobs only (with their test classes); batch-app is not needed.
  # one reactor build: batch-core's jars resolve from its target/, nothing is installed into ~/.m2
  (cd "$root" && ./mvnw -B -q -DskipTests -pl batch-jobs -am package dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

# The run uses a private copy of newsprobe's own classes and jars: a build started elsewhere
# while the benchmark runs (mvn clean, package) must not pull them from under it.
snapshot="$(mktemp -d "${TMPDIR:-/tmp}/newsprobe-bench.XXXXXX")"
trap 'rm -rf "$snapshot"' EXIT
cp -r "$root/batch-jobs/target/classes" "$snapshot/classes"
cp -r "$root/batch-jobs/target/test-classes" "$snapshot/test-classes"
classpath="$snapshot/test-classes:$snapshot/classes"
# the classpath file has no final newline, so read reports end of file after reading it all
IFS=: read -r -a dependencies < "$classpath_file" || true
for dependency in "${dependencies[@]}"; do
  if [[ "$dependency" == */dev/newsprobe/* ]]; then
    cp "$dependency" "$snapshot/"
    dependency="$snapshot/$(basename "$dependency")"
  fi
  classpath="$classpath:$dependency"
done

# shellcheck source=bench/jvm.sh
source "$root/bench/jvm.sh"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
java $gc_option -Xmx"${BENCH_XMX:-256m}" ${JAVA_OPTS:-} \
  -Dnewsprobe.bench.dir="$root/batch-jobs/target/bench-archive" \
  -cp "$classpath" \
  dev.newsprobe.jobs.bench.IngestBenchmark "$@"
