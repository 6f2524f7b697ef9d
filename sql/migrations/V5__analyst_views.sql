-- newsprobe business schema, version 5: the analysts' layer.
-- Views with stable names (prefixed v_), the helper functions they share, the indexes their
-- queries need, and the read-only role newsprobe_analyst. Every name here is documented in
-- sql/README.md; renaming or removing a column is a contract change (see the README).

-- Verdict classes ----------------------------------------------------------------------------

-- Whether a verdict means the URL does not work for a reader. OK and MOVED work; BLOCKED (a bot
-- wall) is inconclusive and SIZE_MISMATCH is an image that loads at another size: neither counts
-- as broken. Immutable, so it can appear in index predicates; inlined by the planner.
CREATE FUNCTION newsprobe.is_broken(verdict text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN verdict IN ('BROKEN', 'SOFT_404', 'NOT_AN_IMAGE', 'INVALID_URL', 'SERVER_ERROR', 'TIMEOUT', 'DNS_ERROR',
                       'CONNECT_ERROR', 'TLS_ERROR', 'FORBIDDEN_ADDRESS');
COMMENT ON FUNCTION newsprobe.is_broken(text) IS 'True for the verdicts counted as broken; null for a URL not yet checked.';

-- The coarse class of a verdict, for grouping.
CREATE FUNCTION newsprobe.verdict_outcome(verdict text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE
        WHEN verdict = 'OK' THEN 'working'
        WHEN verdict = 'MOVED' THEN 'moved'
        WHEN verdict IN ('BROKEN', 'SOFT_404', 'NOT_AN_IMAGE', 'INVALID_URL') THEN 'broken'
        WHEN verdict IN ('SERVER_ERROR', 'TIMEOUT', 'DNS_ERROR', 'CONNECT_ERROR', 'TLS_ERROR') THEN 'unreachable'
        WHEN verdict = 'FORBIDDEN_ADDRESS' THEN 'forbidden'
        WHEN verdict = 'BLOCKED' THEN 'inconclusive'
        WHEN verdict = 'SIZE_MISMATCH' THEN 'mismatch'
    END;
COMMENT ON FUNCTION newsprobe.verdict_outcome(text) IS 'working, moved, broken, unreachable, forbidden, inconclusive or mismatch; null when not yet checked.';

-- The host of a URL, lower case, without user info or port (IPv6 literals keep their brackets).
CREATE FUNCTION newsprobe.url_host(url text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN lower(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?(\[[^]/?#]*\]|[^:/?#]*)'));
COMMENT ON FUNCTION newsprobe.url_host(text) IS 'Host part of an http(s) URL, lower case; null when the text is not such a URL.';

CREATE VIEW newsprobe.v_verdicts (verdict, outcome, is_broken, meaning) AS
SELECT v.verdict, newsprobe.verdict_outcome(v.verdict), newsprobe.is_broken(v.verdict), v.meaning
FROM (VALUES
    ('OK', 'the page answers, or the image is an image of the declared size'),
    ('MOVED', 'a permanent redirect to a working URL: update the file to final_url'),
    ('BROKEN', '4xx, a redirect loop or too many redirects, or an AMP page that is not AMP or not the article''s'),
    ('SOFT_404', 'a 200 that is really "not found", or a redirect to the home page'),
    ('NOT_AN_IMAGE', 'an image URL whose bytes are not an image'),
    ('INVALID_URL', 'malformed or not http(s); decided at ingest, never requested'),
    ('SERVER_ERROR', '5xx on every attempt'),
    ('TIMEOUT', 'no complete answer in time'),
    ('DNS_ERROR', 'the host does not resolve'),
    ('CONNECT_ERROR', 'refused, reset, or a malformed answer'),
    ('TLS_ERROR', 'the TLS handshake failed'),
    ('FORBIDDEN_ADDRESS', 'the URL or a redirect leads to an address newsprobe must not contact'),
    ('BLOCKED', '401/403, or 429 after retries: a bot wall or rate limit; inconclusive'),
    ('SIZE_MISMATCH', 'an image whose real width/height differ from the declared ones')) AS v (verdict, meaning);
COMMENT ON VIEW newsprobe.v_verdicts IS 'Every verdict with its outcome class, whether it counts as broken, and what it means.';

-- Links and their current state --------------------------------------------------------------

-- Which provider a URL belongs to: a related article's URLs and images belong to the related
-- article's provider, every other URL to the citing article's provider.
CREATE VIEW newsprobe.v_link_state AS
SELECT l.url,
       newsprobe.url_host(l.url)                                                     AS url_host,
       u.kind,
       u.verdict,
       newsprobe.verdict_outcome(u.verdict)                                          AS outcome,
       newsprobe.is_broken(u.verdict)                                                AS is_broken,
       u.verdict_reason                                                              AS reason,
       u.status_code,
       u.final_url,
       u.last_checked_at,
       u.last_ok_at,
       u.consecutive_failures,
       u.first_seen_at,
       a.id                                                                          AS article_id,
       a.path                                                                        AS article_path,
       a.title                                                                       AS article_title,
       a.web_url                                                                     AS article_web_url,
       l.position                                                                    AS link_position,
       l.role,
       l.related_position,
       l.line,
       CASE WHEN l.related_position IS NULL THEN a.provider_name ELSE r.provider_name END     AS provider_name,
       CASE WHEN l.related_position IS NULL THEN a.provider_domain ELSE r.provider_domain END AS provider_domain,
       a.provider_domain                                                             AS article_provider_domain
FROM newsprobe.article_link l
JOIN newsprobe.article a ON a.id = l.article_id AND a.gone_at IS NULL
LEFT JOIN newsprobe.url_state u ON u.url = l.url
LEFT JOIN newsprobe.related_article r ON r.article_id = l.article_id AND r.position = l.related_position;
COMMENT ON VIEW newsprobe.v_link_state IS 'Every URL cited by a live article, where, and the URL''s current state.';

CREATE VIEW newsprobe.v_broken_links AS
SELECT * FROM newsprobe.v_link_state WHERE is_broken;
COMMENT ON VIEW newsprobe.v_broken_links IS 'Every place a live article cites a URL whose current verdict counts as broken.';

CREATE VIEW newsprobe.v_moved_links AS
SELECT * FROM newsprobe.v_link_state WHERE verdict = 'MOVED';
COMMENT ON VIEW newsprobe.v_moved_links IS 'Every place a live article cites a URL that moved permanently: replace url by final_url.';

-- Providers ------------------------------------------------------------------------------------

CREATE VIEW newsprobe.v_url_providers AS
SELECT l.url,
       CASE WHEN l.related_position IS NULL THEN a.provider_domain ELSE r.provider_domain END AS provider_domain,
       max(CASE WHEN l.related_position IS NULL THEN a.provider_name ELSE r.provider_name END) AS provider_name,
       count(DISTINCT a.id)                                                                  AS articles,
       count(DISTINCT a.id) FILTER (WHERE a.gone_at IS NULL)                                AS live_articles
FROM newsprobe.article_link l
JOIN newsprobe.article a ON a.id = l.article_id
LEFT JOIN newsprobe.related_article r ON r.article_id = l.article_id AND r.position = l.related_position
GROUP BY 1, 2;
COMMENT ON VIEW newsprobe.v_url_providers IS 'Which providers each URL belongs to, and how many articles (live or since removed) cite it so.';

-- Providers are looked up per probe row (through article_link's URL index), so a question about a
-- short window or a few verdicts reads only the links of the URLs it finds.
CREATE VIEW newsprobe.v_provider_checks AS
SELECT p.provider_domain,
       p.provider_name,
       r.url,
       u.kind,
       r.job_execution_id,
       r.checked_at,
       (r.checked_at AT TIME ZONE 'UTC')::date AS day,
       r.verdict,
       newsprobe.verdict_outcome(r.verdict)   AS outcome,
       newsprobe.is_broken(r.verdict)         AS is_broken,
       r.status_code
FROM newsprobe.probe_result r
JOIN newsprobe.url_state u ON u.url = r.url
CROSS JOIN LATERAL (
    SELECT CASE WHEN l.related_position IS NULL THEN a.provider_domain ELSE ra.provider_domain END AS provider_domain,
           max(CASE WHEN l.related_position IS NULL THEN a.provider_name ELSE ra.provider_name END) AS provider_name
    FROM newsprobe.article_link l
    JOIN newsprobe.article a ON a.id = l.article_id
    LEFT JOIN newsprobe.related_article ra ON ra.article_id = l.article_id AND ra.position = l.related_position
    WHERE l.url = r.url
    GROUP BY 1) p;
COMMENT ON VIEW newsprobe.v_provider_checks IS 'Every probe of a URL, once per provider the URL belongs to: the history behind v_provider_health.';

-- Each URL's checks of a day are folded first (a URL checked twice counts once), then spread over
-- the providers it belongs to.
CREATE VIEW newsprobe.v_provider_health AS
SELECT c.day,
       p.provider_domain,
       max(p.provider_name)                                              AS provider_name,
       count(*)                                                          AS urls_checked,
       count(*) FILTER (WHERE c.kind = 'page')                           AS pages_checked,
       count(*) FILTER (WHERE c.kind = 'image')                          AS images_checked,
       count(*) FILTER (WHERE c.ok)                                      AS ok,
       count(*) FILTER (WHERE c.moved)                                   AS moved,
       count(*) FILTER (WHERE c.broken)                                  AS broken,
       count(*) FILTER (WHERE c.broken AND c.kind = 'page')              AS broken_pages,
       count(*) FILTER (WHERE c.broken AND c.kind = 'image')             AS broken_images,
       count(*) FILTER (WHERE c.blocked)                                 AS blocked,
       round(count(*) FILTER (WHERE c.ok)::numeric / count(*), 4)        AS ok_ratio
FROM (SELECT (r.checked_at AT TIME ZONE 'UTC')::date                      AS day,
             r.url,
             min(u.kind)                                                  AS kind,
             bool_or(r.verdict IN ('OK', 'MOVED'))                        AS ok,
             bool_or(r.verdict = 'MOVED')                                 AS moved,
             bool_or(newsprobe.is_broken(r.verdict))                      AS broken,
             bool_or(r.verdict = 'BLOCKED')                               AS blocked
      FROM newsprobe.probe_result r
      JOIN newsprobe.url_state u ON u.url = r.url
      GROUP BY 1, 2) c
JOIN newsprobe.v_url_providers p ON p.url = c.url
GROUP BY c.day, p.provider_domain;
COMMENT ON VIEW newsprobe.v_provider_health IS 'Per provider and UTC day: distinct URLs checked, and how many were working, moved, broken or blocked at a check that day.';

CREATE VIEW newsprobe.v_provider_status AS
SELECT p.provider_domain,
       max(p.provider_name)                                                         AS provider_name,
       count(*)                                                                     AS urls,
       count(*) FILTER (WHERE u.kind = 'page')                                      AS pages,
       count(*) FILTER (WHERE u.kind = 'image')                                     AS images,
       count(*) FILTER (WHERE u.verdict IS NULL)                                    AS unchecked,
       count(*) FILTER (WHERE u.verdict IN ('OK', 'MOVED'))                         AS ok,
       count(*) FILTER (WHERE u.verdict = 'MOVED')                                  AS moved,
       count(*) FILTER (WHERE newsprobe.is_broken(u.verdict))                       AS broken,
       count(*) FILTER (WHERE newsprobe.is_broken(u.verdict) AND u.kind = 'page')   AS broken_pages,
       count(*) FILTER (WHERE newsprobe.is_broken(u.verdict) AND u.kind = 'image')  AS broken_images,
       count(*) FILTER (WHERE u.verdict = 'BLOCKED')                                AS blocked,
       round(count(*) FILTER (WHERE u.verdict IN ('OK', 'MOVED'))::numeric
             / nullif(count(*) FILTER (WHERE u.verdict IS NOT NULL), 0), 4)         AS ok_ratio,
       max(u.last_checked_at)                                                       AS last_checked_at
FROM newsprobe.v_url_providers p
JOIN newsprobe.url_state u ON u.url = p.url
WHERE p.live_articles > 0
GROUP BY p.provider_domain;
COMMENT ON VIEW newsprobe.v_provider_status IS 'Per provider, now: the URLs its live articles cite and their current verdicts.';

-- Image cache ---------------------------------------------------------------------------------

-- "Verified" is what probing knows today: the image answers as an image (OK, MOVED, or at
-- another size). Once the image store and reconciliation write their own state, this view is
-- re-pointed at it by a later migration; its columns stay.
CREATE VIEW newsprobe.v_image_cache_health AS
SELECT a.id                                                                          AS article_id,
       a.path                                                                        AS article_path,
       i.position                                                                    AS image_position,
       i.related_position,
       i.line,
       i.url,
       CASE WHEN i.related_position IS NULL THEN a.provider_name ELSE r.provider_name END     AS provider_name,
       CASE WHEN i.related_position IS NULL THEN a.provider_domain ELSE r.provider_domain END AS provider_domain,
       i.declared_is_cached,
       i.declared_width,
       i.declared_height,
       u.verdict,
       u.image_width,
       u.image_height,
       u.last_checked_at,
       v.verified_available,
       i.declared_is_cached <> v.verified_available                                  AS disagrees,
       CASE
           WHEN i.declared_is_cached IS NULL THEN 'not declared'
           WHEN v.verified_available IS NULL THEN 'not verified'
           WHEN i.declared_is_cached = v.verified_available THEN 'agrees'
           WHEN i.declared_is_cached THEN 'declared cached, image unavailable'
           ELSE 'declared not cached, image available'
       END                                                                           AS cache_state
FROM newsprobe.article_image i
JOIN newsprobe.article a ON a.id = i.article_id AND a.gone_at IS NULL
LEFT JOIN newsprobe.related_article r ON r.article_id = i.article_id AND r.position = i.related_position
LEFT JOIN newsprobe.url_state u ON u.url = i.url
CROSS JOIN LATERAL (SELECT CASE WHEN u.verdict IS NULL OR u.verdict = 'BLOCKED' THEN NULL
                                ELSE u.verdict IN ('OK', 'MOVED', 'SIZE_MISMATCH') END AS verified_available) v;
COMMENT ON VIEW newsprobe.v_image_cache_health IS 'Each image of a live article: its declared isCached against what newsprobe verified, and whether they disagree.';

-- History ---------------------------------------------------------------------------------------

CREATE VIEW newsprobe.v_url_history AS
SELECT r.job_execution_id,
       r.checked_at,
       r.url,
       newsprobe.url_host(r.url)             AS url_host,
       u.kind,
       r.verdict,
       newsprobe.verdict_outcome(r.verdict) AS outcome,
       newsprobe.is_broken(r.verdict)       AS is_broken,
       r.reason,
       r.status_code,
       r.final_url,
       jsonb_array_length(r.hops)           AS hop_count,
       r.content_type,
       r.content_length,
       r.image_width,
       r.image_height,
       r.page_title,
       r.not_modified,
       r.attempts,
       r.requests,
       r.elapsed_ms,
       r.error_class,
       r.error_message
FROM newsprobe.probe_result r
LEFT JOIN newsprobe.url_state u ON u.url = r.url;
COMMENT ON VIEW newsprobe.v_url_history IS 'Every probe of every URL, one row per URL and job execution (probe_result with the verdict''s class).';

-- The night of a run: the run date a scheduler passed, else the day the execution started.
CREATE VIEW newsprobe.v_status_changes AS
SELECT e.id                                                                      AS event_id,
       COALESCE(CASE WHEN d.parameter_value ~ '^\d{4}-\d{2}-\d{2}$' THEN d.parameter_value::date END,
                x.start_time::date, (e.at AT TIME ZONE 'UTC')::date)             AS night,
       e.job_execution_id,
       i.job_name,
       e.step_name,
       e.entity_key                                                              AS url,
       u.kind,
       e.old_value                                                               AS old_verdict,
       e.new_value                                                               AS new_verdict,
       CASE
           WHEN e.old_value IS NULL THEN 'first verdict'
           WHEN newsprobe.is_broken(e.new_value) AND NOT newsprobe.is_broken(e.old_value) THEN 'broke'
           WHEN newsprobe.is_broken(e.old_value) AND e.new_value IN ('OK', 'MOVED') THEN 'recovered'
           ELSE 'changed'
       END                                                                       AS change,
       e.at                                                                      AS changed_at
FROM newsprobe.audit_event e
LEFT JOIN newsprobe.url_state u ON u.url = e.entity_key
LEFT JOIN newsprobe_batch.batch_job_execution x ON x.job_execution_id = e.job_execution_id
LEFT JOIN newsprobe_batch.batch_job_instance i ON i.job_instance_id = x.job_instance_id
LEFT JOIN newsprobe_batch.batch_job_execution_params d
       ON d.job_execution_id = e.job_execution_id AND d.parameter_name = 'runDate'
WHERE e.entity = 'url' AND e.field = 'verdict';
COMMENT ON VIEW newsprobe.v_status_changes IS 'Every change of a URL''s verdict, per night and job execution: old and new verdict, broke or recovered.';

CREATE VIEW newsprobe.v_step_history AS
SELECT s.step_execution_id,
       s.job_execution_id,
       i.job_name,
       s.step_name,
       s.status,
       s.exit_code,
       s.start_time                                              AS started_at,
       s.end_time                                                AS ended_at,
       s.end_time - s.start_time                                 AS duration,
       s.read_count,
       s.write_count,
       s.filter_count,
       s.read_skip_count + s.process_skip_count + s.write_skip_count AS skip_count,
       s.read_skip_count,
       s.process_skip_count,
       s.write_skip_count,
       s.commit_count,
       s.rollback_count,
       s.exit_message
FROM newsprobe_batch.batch_step_execution s
JOIN newsprobe_batch.batch_job_execution x ON x.job_execution_id = s.job_execution_id
JOIN newsprobe_batch.batch_job_instance i ON i.job_instance_id = x.job_instance_id;
COMMENT ON VIEW newsprobe.v_step_history IS 'Every step execution of every job run, with its counts (from Spring Batch''s job repository).';

CREATE VIEW newsprobe.v_run_history AS
SELECT x.job_execution_id,
       x.job_instance_id,
       i.job_name,
       p.run_date,
       p.run_number,
       p.input_roots,
       x.status,
       x.exit_code,
       x.create_time                   AS created_at,
       x.start_time                    AS started_at,
       x.end_time                      AS ended_at,
       x.end_time - x.start_time       AS duration,
       COALESCE(s.steps, 0)            AS steps,
       COALESCE(s.read_count, 0)       AS read_count,
       COALESCE(s.write_count, 0)      AS write_count,
       COALESCE(s.filter_count, 0)     AS filter_count,
       COALESCE(s.skip_count, 0)       AS skip_count,
       COALESCE(s.rollback_count, 0)   AS rollback_count,
       COALESCE(s.step_counts, '{}')   AS step_counts,
       x.exit_message
FROM newsprobe_batch.batch_job_execution x
JOIN newsprobe_batch.batch_job_instance i ON i.job_instance_id = x.job_instance_id
LEFT JOIN LATERAL (
    SELECT max(CASE WHEN parameter_name = 'runDate' AND parameter_value ~ '^\d{4}-\d{2}-\d{2}$'
                    THEN parameter_value END)::date                              AS run_date,
           max(CASE WHEN parameter_name = 'run.id' AND parameter_value ~ '^\d{1,18}$'
                    THEN parameter_value END)::bigint                            AS run_number,
           max(CASE WHEN parameter_name = 'input' THEN parameter_value END)      AS input_roots
    FROM newsprobe_batch.batch_job_execution_params
    WHERE job_execution_id = x.job_execution_id) p ON true
LEFT JOIN LATERAL (
    SELECT count(*)                                                              AS steps,
           sum(read_count)::bigint                                               AS read_count,
           sum(write_count)::bigint                                              AS write_count,
           sum(filter_count)::bigint                                             AS filter_count,
           sum(read_skip_count + process_skip_count + write_skip_count)::bigint  AS skip_count,
           sum(rollback_count)::bigint                                           AS rollback_count,
           jsonb_object_agg(step_name, jsonb_build_object('status', status, 'read', read_count,
               'write', write_count, 'filter', filter_count,
               'skip', read_skip_count + process_skip_count + write_skip_count)) AS step_counts
    FROM newsprobe_batch.batch_step_execution
    WHERE job_execution_id = x.job_execution_id) s ON true;
COMMENT ON VIEW newsprobe.v_run_history IS 'Every job execution: job, night or run number, status, start, end, duration, and counts summed over its steps and per step.';

CREATE VIEW newsprobe.v_ingest_errors AS
SELECT e.id,
       e.job_execution_id,
       e.recorded_at,
       e.path,
       e.line,
       e.code,
       e.rejected,
       e.reason,
       a.id                          AS article_id,
       f.path IS NOT NULL            AS currently_rejected
FROM newsprobe.ingest_error e
LEFT JOIN newsprobe.article a ON a.path = e.path
LEFT JOIN newsprobe.rejected_file f ON f.path = e.path;
COMMENT ON VIEW newsprobe.v_ingest_errors IS 'Every problem ingest found in a file, with the file''s article (if it has one) and whether its current content is still rejected.';

-- Indexes the views' usual questions need (measured: see sql/README.md) ---------------------

-- v_broken_links and the provider views look up the few broken URLs among many working ones.
CREATE INDEX url_state_broken_idx ON newsprobe.url_state (url) WHERE newsprobe.is_broken(verdict);
-- History by UTC day (v_provider_health, v_provider_checks.day); windows of broken verdicts use
-- probe_result_verdict_idx (verdict, checked_at) from V2.
CREATE INDEX probe_result_day_idx ON newsprobe.probe_result (((checked_at AT TIME ZONE 'UTC')::date));
-- Verdict changes by time window.
CREATE INDEX audit_event_verdict_at_idx ON newsprobe.audit_event (at) WHERE entity = 'url' AND field = 'verdict';

-- The analyst role --------------------------------------------------------------------------------

-- Roles belong to the whole server, not to one database: create it only if it is missing (two
-- databases may be migrated at once, so a concurrent creation is tolerated too). A user without
-- CREATEROLE cannot create it; then the grants wait for a DBA (see sql/README.md).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsprobe_analyst') THEN
        BEGIN
            CREATE ROLE newsprobe_analyst NOLOGIN;
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                NULL;
            WHEN insufficient_privilege THEN
                RAISE WARNING 'role newsprobe_analyst does not exist and % may not create it: have a DBA run sql/analyst-role.sql', current_user;
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'newsprobe_analyst') THEN
        GRANT USAGE ON SCHEMA newsprobe TO newsprobe_analyst;
        GRANT SELECT ON ALL TABLES IN SCHEMA newsprobe TO newsprobe_analyst;
        REVOKE ALL ON TABLE newsprobe.flyway_schema_history FROM newsprobe_analyst;
        -- tables and views later migrations create are readable too (when created by this same user)
        ALTER DEFAULT PRIVILEGES IN SCHEMA newsprobe GRANT SELECT ON TABLES TO newsprobe_analyst;
    END IF;
END
$$;
