-- newsprobe business schema, version 1: what ingest writes.
-- Applied by the application at start (Flyway, history in newsprobe.flyway_schema_history).
-- Spring Batch's own tables live apart, in schema newsprobe_batch.

CREATE TABLE newsprobe.article (
    id                       bigint PRIMARY KEY,
    path                     text        NOT NULL UNIQUE,
    content_hash             text        NOT NULL,
    title                    text,
    excerpt                  text,
    published_at             timestamptz,
    type                     text,
    quality                  integer,
    heat                     integer,
    published                boolean,
    category                 text,
    web_url                  text,
    amp_web_url              text,
    cdn_amp_web_url          text,
    provider_name            text,
    provider_domain          text,
    topics                   text[]      NOT NULL DEFAULT '{}',
    secured_sha256           text,
    extra                    jsonb       NOT NULL DEFAULT '{}',
    first_ingested_at        timestamptz NOT NULL,
    last_ingested_at         timestamptz NOT NULL,
    last_ingest_execution_id bigint      NOT NULL,
    gone_at                  timestamptz
);
CREATE SEQUENCE newsprobe.article_id_seq OWNED BY newsprobe.article.id;
CREATE INDEX article_web_url_idx ON newsprobe.article (web_url) WHERE gone_at IS NULL;
CREATE INDEX article_provider_idx ON newsprobe.article (provider_domain);

COMMENT ON TABLE newsprobe.article IS 'One row per article file ever ingested; gone_at is set when the file disappears.';
COMMENT ON COLUMN newsprobe.article.path IS 'Absolute, normalised path of the file; the article''s identity.';
COMMENT ON COLUMN newsprobe.article.content_hash IS 'Hex SHA-256 of the file bytes; an unchanged hash means the file is skipped.';
COMMENT ON COLUMN newsprobe.article.secured_sha256 IS 'Hex SHA-256 of the opaque secured value; the value itself is never stored.';
COMMENT ON COLUMN newsprobe.article.extra IS 'Front-matter keys newsprobe does not know, kept as they were.';

CREATE TABLE newsprobe.related_article (
    article_id      bigint  NOT NULL REFERENCES newsprobe.article (id) ON DELETE CASCADE,
    position        integer NOT NULL,
    title           text,
    excerpt         text,
    published_at    timestamptz,
    web_url         text,
    amp_web_url     text,
    cdn_amp_web_url text,
    type            text,
    provider_name   text,
    provider_domain text,
    quality         integer,
    PRIMARY KEY (article_id, position)
);
COMMENT ON TABLE newsprobe.related_article IS 'The related: entries of each article, in file order (position from 0).';

CREATE TABLE newsprobe.article_image (
    article_id         bigint  NOT NULL REFERENCES newsprobe.article (id) ON DELETE CASCADE,
    position           integer NOT NULL,
    related_position   integer,
    url                text    NOT NULL,
    declared_width     integer,
    declared_height    integer,
    declared_is_cached boolean,
    title              text,
    line               integer NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_image_url_idx ON newsprobe.article_image (url);
COMMENT ON TABLE newsprobe.article_image IS 'Images declared in front matter, the article''s own (related_position null) and its related articles''.';

CREATE TABLE newsprobe.article_link (
    article_id       bigint  NOT NULL REFERENCES newsprobe.article (id) ON DELETE CASCADE,
    position         integer NOT NULL,
    url              text    NOT NULL,
    role             text    NOT NULL CHECK (role IN ('web', 'amp', 'cdn_amp', 'image', 'related_web', 'related_amp',
                                                      'related_cdn_amp', 'related_image', 'body_link', 'body_image')),
    related_position integer,
    valid            boolean NOT NULL,
    line             integer NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX article_link_url_idx ON newsprobe.article_link (url);
COMMENT ON TABLE newsprobe.article_link IS 'Every URL each article cites, wherever it appears, with its role.';
COMMENT ON COLUMN newsprobe.article_link.url IS 'The normalised URL when valid (joins url_state.url), else the text as written.';

CREATE TABLE newsprobe.url_state (
    url                  text PRIMARY KEY,
    kind                 text        NOT NULL CHECK (kind IN ('page', 'image')),
    verdict              text,
    verdict_reason       text,
    status_code          integer,
    final_url            text,
    content_type         text,
    content_length       bigint,
    image_width          integer,
    image_height         integer,
    etag                 text,
    last_modified        text,
    first_seen_at        timestamptz NOT NULL,
    first_seen_execution_id bigint   NOT NULL,
    last_checked_at      timestamptz,
    last_ok_at           timestamptz,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    next_check_at        timestamptz
);
CREATE INDEX url_state_due_idx ON newsprobe.url_state (next_check_at) WHERE next_check_at IS NOT NULL;
COMMENT ON TABLE newsprobe.url_state IS 'One row per distinct URL cited anywhere: its current verdict and cache state.';
COMMENT ON COLUMN newsprobe.url_state.verdict IS 'Null until probed; INVALID_URL rows are decided offline at ingest and never probed.';
COMMENT ON COLUMN newsprobe.url_state.next_check_at IS 'When the URL is next due for probing; null means never (offline verdicts).';

CREATE TABLE newsprobe.ingest_error (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_execution_id bigint      NOT NULL,
    path             text        NOT NULL,
    line             integer,
    code             text        NOT NULL,
    rejected         boolean     NOT NULL,
    reason           text        NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ingest_error_execution_idx ON newsprobe.ingest_error (job_execution_id);
CREATE INDEX ingest_error_path_idx ON newsprobe.ingest_error (path);
COMMENT ON TABLE newsprobe.ingest_error IS 'Problems found in article files, per run. rejected = the file was not ingested.';

CREATE TABLE newsprobe.audit_event (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_execution_id bigint      NOT NULL,
    step_name        text        NOT NULL,
    entity           text        NOT NULL,
    entity_key       text        NOT NULL,
    field            text        NOT NULL,
    old_value        text,
    new_value        text,
    at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_event_entity_idx ON newsprobe.audit_event (entity, entity_key);
CREATE INDEX audit_event_execution_idx ON newsprobe.audit_event (job_execution_id);
COMMENT ON TABLE newsprobe.audit_event IS 'Append-only log of every change newsprobe made: what, old and new value, which run and step.';

CREATE TABLE newsprobe.rejected_file (
    path             text PRIMARY KEY,
    content_hash     text,
    code             text        NOT NULL,
    reason           text        NOT NULL,
    job_execution_id bigint      NOT NULL,
    rejected_at      timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE newsprobe.rejected_file IS 'Files whose current content could not be read; an unchanged rejected file is not parsed again. Its article row, if any, keeps the last good content.';
