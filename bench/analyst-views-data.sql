-- Generated data for the analyst views benchmark (bench/analyst-views.sh): an archive of
-- :articles articles on 200 providers citing about 10 x :articles distinct URLs, probed every
-- night for :nights nights, with the history, audit events and job repository rows such runs
-- leave. Deterministic (fixed seed). Run on a freshly migrated, empty database.
SELECT setseed(0.42);

-- 5 related stories per article, drawn from a pool; 2 body links from another pool
CREATE TEMP TABLE gen_article AS
SELECT g AS id, 'p' || (g % 200) || '.example' AS domain FROM generate_series(1, :articles) g;

INSERT INTO newsprobe.article (id, path, content_hash, title, published_at, web_url, amp_web_url, cdn_amp_web_url,
    provider_name, provider_domain, first_ingested_at, last_ingested_at, last_ingest_execution_id, gone_at)
SELECT id, '/archive/' || (id % 100) || '/' || id || '.md', md5(id::text), 'Article ' || id, now() - interval '1 year',
       'https://www.' || domain || '/story/' || id, 'https://www.' || domain || '/story/' || id || '/amp',
       'https://www-' || replace(domain, '.', '-') || '.cdn.ampproject.org/c/s/www.' || domain || '/story/' || id || '/amp',
       'Provider ' || domain, domain, now() - interval '30 days', now() - interval '1 day', 1,
       CASE WHEN id % 50 = 0 THEN now() - interval '3 days' END
FROM gen_article;

INSERT INTO newsprobe.related_article (article_id, position, title, web_url, provider_name, provider_domain)
SELECT a.id, r, 'Related ' || s, 'https://rel' || (s % 300) || '.example/s/' || s, 'Related ' || (s % 300),
       'rel' || (s % 300) || '.example'
FROM gen_article a, generate_series(0, 4) r, LATERAL (SELECT ((a.id * 7919 + r * 104729) % (:articles * 3 / 2)) AS s) x;

INSERT INTO newsprobe.article_image (article_id, position, related_position, url, declared_width, declared_height,
    declared_is_cached, line)
SELECT a.id, 0, NULL, 'https://img.' || a.domain || '/' || a.id || '.jpg', 800, 600, (a.id % 10 <> 0), 20
FROM gen_article a
UNION ALL
SELECT r.article_id, r.position + 1, r.position, replace(r.web_url, '/s/', '/i/') || '.jpg', 640, 480, true, 40 + r.position
FROM newsprobe.related_article r;

INSERT INTO newsprobe.article_link (article_id, position, url, role, related_position, valid, line)
SELECT a.id, k, CASE k WHEN 0 THEN a.web_url WHEN 1 THEN a.amp_web_url WHEN 2 THEN a.cdn_amp_web_url
                       ELSE 'https://img.' || a.provider_domain || '/' || a.id || '.jpg' END,
       (ARRAY['web', 'amp', 'cdn_amp', 'image'])[k + 1], NULL, true, 5 + k
FROM newsprobe.article a, generate_series(0, 3) k
UNION ALL
SELECT r.article_id, 4 + r.position * 3 + k,
       CASE k WHEN 0 THEN r.web_url WHEN 1 THEN r.web_url || '/amp' ELSE replace(r.web_url, '/s/', '/i/') || '.jpg' END,
       (ARRAY['related_web', 'related_amp', 'related_image'])[k + 1], r.position, true, 30 + r.position
FROM newsprobe.related_article r, generate_series(0, 2) k
UNION ALL
SELECT a.id, 19 + k, 'https://source' || (b % 500) || '.example/doc/' || b, 'body_link', NULL, true, 60 + k
FROM gen_article a, generate_series(0, 1) k, LATERAL (SELECT (a.id * 31 + k * 7) % (:articles * 3 / 2) AS b) x;

INSERT INTO newsprobe.url_state (url, kind, first_seen_at, first_seen_execution_id)
SELECT DISTINCT ON (url) url, CASE WHEN role IN ('image', 'related_image') THEN 'image' ELSE 'page' END,
       now() - interval '30 days', 1
FROM newsprobe.article_link;

-- each URL's verdict on each night: mostly steady, about 1 in 100 flips per night
CREATE TEMP TABLE gen_night AS
SELECT n, 100 + n AS execution_id, (current_date - (:nights - n))::timestamp + time '02:00' AS at
FROM generate_series(1, :nights) n;

CREATE TEMP TABLE gen_result AS
SELECT n.execution_id, u.url, u.kind, n.at + (random() * interval '2 hours') AS checked_at,
       CASE WHEN random() < 0.01 THEN 'TIMEOUT'
            ELSE (ARRAY['OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK', 'OK',
                        'MOVED', 'BROKEN', 'BLOCKED',
                        CASE WHEN u.kind = 'image' THEN 'NOT_AN_IMAGE' ELSE 'SOFT_404' END])[1 + abs(hashtext(u.url)) % 20]
       END AS verdict
FROM newsprobe.url_state u, gen_night n;

INSERT INTO newsprobe.probe_result (job_execution_id, url, verdict, status_code, attempts, requests, elapsed_ms, checked_at)
SELECT execution_id, url, verdict,
       CASE verdict WHEN 'OK' THEN 200 WHEN 'MOVED' THEN 200 WHEN 'BROKEN' THEN 404 WHEN 'BLOCKED' THEN 403 WHEN 'SOFT_404' THEN 200
                    WHEN 'NOT_AN_IMAGE' THEN 200 END,
       1, 1, 50, checked_at
FROM gen_result;

UPDATE newsprobe.url_state u SET verdict = r.verdict, last_checked_at = r.checked_at,
    last_ok_at = CASE WHEN r.verdict IN ('OK', 'MOVED') THEN r.checked_at END,
    next_check_at = r.checked_at + interval '20 hours', last_probe_execution_id = r.execution_id
FROM gen_result r WHERE r.url = u.url AND r.execution_id = 100 + :nights;

INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field, old_value, new_value, at)
SELECT execution_id, 'articleAuditJob.probe', 'url', url, 'verdict', old_verdict, verdict, checked_at
FROM (SELECT r.*, lag(verdict) OVER (PARTITION BY url ORDER BY execution_id) AS old_verdict FROM gen_result r) c
WHERE old_verdict IS DISTINCT FROM verdict
ORDER BY checked_at;

INSERT INTO newsprobe.ingest_error (job_execution_id, path, line, code, rejected, reason, recorded_at)
SELECT 100 + (g % :nights) + 1, '/archive/bad/' || (g % 300) || '.md', 3, 'YAML_SYNTAX', true, 'line 3: bad', now() - (g % :nights) * interval '1 day'
FROM generate_series(1, 3000) g;

INSERT INTO newsprobe_batch.batch_job_instance (job_instance_id, version, job_name, job_key)
SELECT execution_id, 0, 'articleAuditJob', md5(execution_id::text) FROM gen_night;
INSERT INTO newsprobe_batch.batch_job_execution (job_execution_id, version, job_instance_id, create_time, start_time, end_time,
    status, exit_code, exit_message, last_updated)
SELECT execution_id, 2, execution_id, at, at, at + interval '2 hours', 'COMPLETED', 'COMPLETED', '', at + interval '2 hours'
FROM gen_night;
INSERT INTO newsprobe_batch.batch_job_execution_params (job_execution_id, parameter_name, parameter_type, parameter_value, identifying)
SELECT execution_id, 'runDate', 'java.time.LocalDate', at::date::text, 'Y' FROM gen_night
UNION ALL SELECT execution_id, 'input', 'java.lang.String', '/archive', 'Y' FROM gen_night;
INSERT INTO newsprobe_batch.batch_step_execution (step_execution_id, version, step_name, job_execution_id, create_time,
    start_time, end_time, status, commit_count, read_count, filter_count, write_count, read_skip_count, write_skip_count,
    process_skip_count, rollback_count, exit_code, exit_message, last_updated)
SELECT execution_id * 10 + s, 3, 'articleAuditJob.' || (ARRAY['ingest', 'ingestSweep', 'probe', 'report'])[s], execution_id,
       at, at, at + interval '30 minutes', 'COMPLETED', 10, 1000, 0, 1000, 0, 0, 0, 0, 'COMPLETED', '', at
FROM gen_night, generate_series(1, 4) s;

ANALYZE;
