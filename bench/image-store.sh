#!/usr/bin/env bash
# The image store benchmark: N images put into a directory store by T threads with a cap that
# holds half of them (eviction runs), then N images mirrored from local fixture hosts through the
# image downloader (newsprobe's HTTP layer) and revalidated (every server answers 304). Prints puts/s, images/s and MiB/s.
# A benchmark, not a test; it exits 1 when what it measured was wrong.
#
# usage: bench/image-store.sh [--images N] [--mirror-images M] [--size-kb KB] [--threads T] [--hosts H]
#                             [--concurrency C]
#   defaults: 5000 images (store), 1000 (mirror; the fixture servers hold them in memory) of 64 KiB,
#   4 threads, 4 hosts, concurrency 64
# environment: BENCH_XMX (default 768m), JAVA_OPTS, BENCH_SKIP_BUILD=1
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classpath_file="$root/batch-core/target/bench.classpath"

if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f "$classpath_file" ]]; then
  (cd "$root" && ./mvnw -B -q -pl batch-core test-compile)
  (cd "$root" && ./mvnw -B -q -pl batch-core dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi

# shellcheck source=bench/jvm.sh
source "$root/bench/jvm.sh"
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec java $gc_option -Xmx"${BENCH_XMX:-768m}" ${JAVA_OPTS:-} \
  -cp "$root/batch-core/target/test-classes:$root/batch-core/target/classes:$(cat "$classpath_file")" \
  dev.newsprobe.core.store.ImageStoreBenchmark "$@"
