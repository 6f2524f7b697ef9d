# Sourced by the benchmarks, so that their JVM runs as the launcher (../newsprobe) runs newsprobe's:
# with the parallel garbage collector unless JAVA_OPTS chooses one.
# shellcheck shell=bash
gc_option=-XX:+UseParallelGC
if [[ "${JAVA_OPTS:-}" == *-XX:+Use*GC* ]]; then
  gc_option=
fi
