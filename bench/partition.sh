#!/usr/bin/env bash
# The scaling benchmark: the probe benchmark's archive audited four ways on one database (single
# step, local partitions, remote manager with 1 and with 2 worker processes on this machine through
# the local RabbitMQ at 127.0.0.1:5672, guest/guest). Prints files/s, URLs/s and the ratio of two
# workers to one. A benchmark, not a test; a way whose results are wrong is marked WRONG.
#
# usage: bench/partition.sh [--urls N] [--hosts H] [--latency-ms MS] [--concurrency C] [--per-host P]
#                           [--partitions N] [--db-url JDBC_URL]
#   defaults: 10000 URLs, 8 hosts, 50 ms, concurrency 32 per process, 8 per host, 4 partitions,
#   a fresh database on 127.0.0.1:5432
# environment: BENCH_XMX (default 512m), JAVA_OPTS, BENCH_SKIP_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-jobs/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  (cd "$root" && ./mvnw -B -q -DskipTests -pl batch-jobs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

# shellcheck source=bench/jvm.sh
source "$root/bench/jvm.sh"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec java $gc_option -Xmx"${BENCH_XMX:-512m}" ${JAVA_OPTS:-} \
  -cp "$root/batch-jobs/target/test-classes:$root/batch-jobs/target/classes:$root/batch-core/target/classes:$root/batch-core/target/test-classes:$(cat "$classpath_file")" \
  dev.newsprobe.jobs.bench.PartitionBenchmark "$@"
