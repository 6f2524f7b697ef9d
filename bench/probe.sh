#!/usr/bin/env bash
# The probe benchmark: an archive citing N distinct URLs on local fixture hosts (ports on
# 127.0.0.1), audited end to end by articleAuditJob. Prints URLs/s, requests per URL, connections
# opened, and the probe step's time against the latency-bound limit N x latency / concurrency.
# With --second-run it audits the unchanged archive again (every entry fresh: no request may be
# sent) and prints both runs' times and their ratio; --stale-run adds a third audit after making
# every entry stale, so every URL is revalidated with a conditional request.
# The archive measured is the second audited in the JVM: a warm-up audit of 30,000 other URLs on
# the same hosts comes first (--warm-up N to size it, 0 to measure a cold JVM), because a first
# audit spends much of a short run compiling code that a nightly run compiles once; the warm-up's
# own rates are printed too.
# A benchmark, not a test; it exits 1 when the run it measured was wrong.
#
# usage: bench/probe.sh [--urls N] [--hosts H] [--latency-ms MS] [--concurrency C] [--per-host P]
#                       [--mix mixed|ok] [--chunk-size N] [--db-url JDBC_URL] [--second-run] [--stale-run]
#                       [--warm-up N]
#   defaults: 10000 URLs, 8 hosts, 0 ms, concurrency 64, per host C/H, mixed (1 in 20 is a 404,
#   1 in 10 an image with a declared size), chunk 500, a warm-up of 30,000 URLs, a fresh database on
#   127.0.0.1:5432
# environment: BENCH_XMX (default 512m), JAVA_OPTS, BENCH_SKIP_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-jobs/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  # one reactor build: batch-core's jars resolve from its target/, nothing is installed into ~/.m2
  (cd "$root" && ./mvnw -B -q -DskipTests -pl batch-jobs -am package dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

# shellcheck source=bench/jvm.sh
source "$root/bench/jvm.sh"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec java $gc_option -Xmx"${BENCH_XMX:-512m}" ${JAVA_OPTS:-} \
  -cp "$root/batch-jobs/target/test-classes:$root/batch-jobs/target/classes:$(cat "$classpath_file")" \
  dev.newsprobe.jobs.bench.ProbeBenchmark "$@"
