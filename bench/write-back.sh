#!/usr/bin/env bash
# The write-back benchmark: on N generated seed-shaped articles, the rate of parsing alone, of
# preparing a write-back (read, parse, edit every image's isCached in memory) and of writing it
# (the same plus an atomic replace of each file). No database. A benchmark, not a test; it exits 1
# when the files do not read back as expected.
#
# usage: bench/write-back.sh [--files N]     (default 20000; files regenerated on every run)
# environment: BENCH_XMX (default 256m), JAVA_OPTS
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# compiled in the reactor (never installed): batch-core's classes come from its target directory
./mvnw -B -q -pl batch-core,batch-jobs test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/write-back-bench.classpath -Dmdep.includeScope=test -Dmdep.excludeArtifactIds=batch-core
classpath="batch-jobs/target/test-classes:batch-jobs/target/classes:batch-core/target/classes:batch-core/target/test-classes"
classpath="$classpath:$(cat batch-jobs/target/write-back-bench.classpath)"
rm -rf batch-jobs/target/bench-write-back
# shellcheck source=bench/jvm.sh
source "$root/bench/jvm.sh"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
java $gc_option -Xmx"${BENCH_XMX:-256m}" ${JAVA_OPTS:-} -Dnewsprobe.bench.dir="$root/batch-jobs/target/bench-write-back" \
  -cp "$classpath" dev.newsprobe.jobs.bench.WriteBackBenchmark "$@"
