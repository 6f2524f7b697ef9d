#!/usr/bin/env bash
# The analyst views benchmark: a fresh database with newsprobe's schema, filled with generated
# data (bench/analyst-views-data.sql: 10 x ARTICLES distinct URLs probed every night for NIGHTS
# nights), then the analysts' usual questions timed with EXPLAIN ANALYZE: as an analyst runs them
# (server defaults, JIT included), with JIT off, and with JIT off but without V5's indexes.
# Prints the best of two runs per question and setting. A benchmark, not a test.
#
# usage: bench/analyst-views.sh [--articles N] [--nights N] [--db NAME] [--keep]
#   defaults: 10000 articles (about 98,000 URLs, 210,000 links), 14 nights (1.37 million
#   probe_result rows), database np_bench_analyst_views on 127.0.0.1:5432 user postgres, dropped
#   at the end unless --keep.
# The schema is applied with psql in Flyway's order: Spring Batch's script from the
# spring-batch-core jar in ~/.m2 into newsprobe_batch, then sql/migrations into newsprobe.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
articles=10000 nights=14 db=np_bench_analyst_views keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --articles) articles="$2"; shift 2 ;;
    --nights) nights="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

batch_version="$(sed -n 's:.*<spring-batch.version>\(.*\)</spring-batch.version>.*:\1:p' "$root/pom.xml")"
batch_jar="$HOME/.m2/repository/org/springframework/batch/spring-batch-core/$batch_version/spring-batch-core-$batch_version.jar"
[[ -f "$batch_jar" ]] || { echo "no $batch_jar: build newsprobe once (./mvnw -DskipTests verify)" >&2; exit 2; }

dropdb --if-exists "$db"
createdb "$db"
{
  echo "CREATE SCHEMA newsprobe_batch; SET search_path TO newsprobe_batch;"
  unzip -p "$batch_jar" org/springframework/batch/core/schema-postgresql.sql
  echo "RESET search_path; CREATE SCHEMA newsprobe;"
  echo "CREATE TABLE newsprobe.flyway_schema_history (installed_rank int PRIMARY KEY);"
  for migration in $(ls "$root/sql/migrations" | grep '^V[0-9]*__.*\.sql$' | sort -V); do
    echo "BEGIN;"; cat "$root/sql/migrations/$migration"; echo "COMMIT;"
  done
} | psql_db >/dev/null

started=$(date +%s)
psql_db -v articles="$articles" -v nights="$nights" -f "$root/bench/analyst-views-data.sql" >/dev/null
psql_db -At -c "SELECT format('data: %s URLs, %s links, %s articles, %s probe_result rows, %s audit events (generated in %s s)',
    (SELECT count(*) FROM newsprobe.url_state), (SELECT count(*) FROM newsprobe.article_link),
    (SELECT count(*) FROM newsprobe.article), (SELECT count(*) FROM newsprobe.probe_result),
    (SELECT count(*) FROM newsprobe.audit_event), $(date +%s) - $started)"

queries=(
  "broken images per provider, last 7 days (sql/README.md)|SELECT provider_domain, count(DISTINCT url) AS broken_images FROM newsprobe.v_provider_checks WHERE kind = 'image' AND is_broken AND checked_at >= now() - interval '7 days' GROUP BY provider_domain ORDER BY broken_images DESC, provider_domain LIMIT 10"
  "broken links of one provider|SELECT * FROM newsprobe.v_broken_links WHERE provider_domain = 'p7.example'"
  "all broken links, counted|SELECT count(*) FROM newsprobe.v_broken_links"
  "provider health, one day|SELECT * FROM newsprobe.v_provider_health WHERE day = current_date - 1"
  "provider health, last 7 days|SELECT provider_domain, sum(broken_images) FROM newsprobe.v_provider_health WHERE day >= current_date - 7 GROUP BY 1"
  "provider status now|SELECT * FROM newsprobe.v_provider_status"
  "status changes, last 24 hours|SELECT change, count(*) FROM newsprobe.v_status_changes WHERE changed_at >= now() - interval '1 day' GROUP BY 1"
  "status changes of one night|SELECT change, count(*) FROM newsprobe.v_status_changes WHERE night = current_date - 1 GROUP BY 1"
  "run history|SELECT * FROM newsprobe.v_run_history ORDER BY started_at DESC LIMIT 20"
  "history of one URL|SELECT * FROM newsprobe.v_url_history WHERE url = 'https://www.p7.example/story/7' ORDER BY checked_at"
  "image cache disagreements|SELECT * FROM newsprobe.v_image_cache_health WHERE disagrees"
)
v5_indexes="newsprobe.url_state_broken_idx, newsprobe.probe_result_day_idx, newsprobe.audit_event_verdict_at_idx"

best_ms() { # $1 = SQL to run before the query in the same transaction, $2 = the query
  local best=""
  for _ in 1 2; do
    local ms
    ms=$(psql_db -At -c "BEGIN; $1 EXPLAIN (ANALYZE, FORMAT JSON) $2; ROLLBACK;" \
      | sed -n 's/.*"Execution Time": \([0-9.]*\).*/\1/p')
    if [[ -z "$best" ]] || awk "BEGIN{exit !($ms < $best)}"; then best="$ms"; fi
  done
  printf '%.1f' "$best"
}

printf '%-58s %10s %14s %22s\n' "question" "as is, ms" "JIT off, ms" "JIT off, no V5 idx, ms"
for entry in "${queries[@]}"; do
  name="${entry%%|*}" sql="${entry#*|}"
  printf '%-58s %10s %14s %22s\n' "$name" "$(best_ms "" "$sql")" "$(best_ms "SET LOCAL jit = off;" "$sql")" \
    "$(best_ms "SET LOCAL jit = off; DROP INDEX $v5_indexes;" "$sql")"
done
printf 'machine: %s cores, load %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"

[[ "$keep" == 1 ]] || dropdb "$db"
