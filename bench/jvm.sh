# Sourced by the benchmarks, so that their JVM runs as the launcher (../newsprobe) runs newsprobe's:
# with the parallel garbage collector unless JAVA_OPTS chooses one.
# shellcheck shell=bash
gc_option=-XX:+UseParallelGC
# shellcheck disable=SC2086  # each option on its own; the JVM also reads the two other variables
for option in ${JAVA_OPTS:-} ${JAVA_TOOL_OPTIONS:-} ${JDK_JAVA_OPTIONS:-}; do
  if [[ "$option" == -XX:+Use*GC ]]; then
    gc_option=
  fi
done
