-- newsprobe business schema, block 20 (reports): what each run's report found, kept so that later
-- reports can draw trends without reading the history tables again, and the database's own id,
-- which report file names carry so that reports of two databases in one directory never collide.

CREATE TABLE newsprobe.database_identity (
    id         uuid        NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now(),
    only_row   boolean     NOT NULL DEFAULT true UNIQUE CHECK (only_row)
);
INSERT INTO newsprobe.database_identity DEFAULT VALUES;
COMMENT ON TABLE newsprobe.database_identity IS 'One row: a random id made when the schema was created. Report files are named after its first 8 hex digits.';

CREATE TABLE newsprobe.report_run (
    job_execution_id      bigint      PRIMARY KEY,
    input                 text        NOT NULL,
    run_date              date,
    started_at            timestamptz,
    made_at               timestamptz NOT NULL,
    articles              bigint      NOT NULL,
    urls                  bigint      NOT NULL,
    ok                    bigint      NOT NULL,
    attention             bigint      NOT NULL,
    broken                bigint      NOT NULL,
    unchecked             bigint      NOT NULL,
    by_verdict            jsonb       NOT NULL,
    broken_citations      bigint      NOT NULL,
    moved_citations       bigint      NOT NULL,
    rejected_files        bigint      NOT NULL,
    images                bigint      NOT NULL,
    images_agree          bigint      NOT NULL,
    stale_cached          bigint      NOT NULL,
    newly_broken          bigint      NOT NULL,
    fixed                 bigint      NOT NULL
);
CREATE INDEX report_run_input_idx ON newsprobe.report_run (input, job_execution_id);
COMMENT ON TABLE newsprobe.report_run IS 'One row per articleAuditJob execution whose report was made: the counts it showed, scoped to the run''s input roots.';

CREATE TABLE newsprobe.report_provider (
    job_execution_id bigint NOT NULL REFERENCES newsprobe.report_run ON DELETE CASCADE,
    provider_domain  text,
    provider_name    text,
    articles         bigint NOT NULL,
    urls             bigint NOT NULL,
    ok               bigint NOT NULL,
    attention        bigint NOT NULL,
    broken           bigint NOT NULL,
    unchecked        bigint NOT NULL
);
CREATE UNIQUE INDEX report_provider_key ON newsprobe.report_provider (job_execution_id, COALESCE(provider_domain, ''));
CREATE INDEX report_provider_domain_idx ON newsprobe.report_provider (provider_domain, job_execution_id);
COMMENT ON TABLE newsprobe.report_provider IS 'Per report_run, one row per provider domain of the live articles under the run''s roots: its counts as the report showed them.';
