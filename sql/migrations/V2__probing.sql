-- newsprobe business schema, version 2: what probing writes.

CREATE TABLE newsprobe.probe_result (
    job_execution_id bigint      NOT NULL,
    url              text        NOT NULL,
    verdict          text        NOT NULL CHECK (verdict IN ('OK', 'MOVED', 'BROKEN', 'SERVER_ERROR', 'TIMEOUT',
                                     'DNS_ERROR', 'CONNECT_ERROR', 'TLS_ERROR', 'BLOCKED', 'SOFT_404', 'NOT_AN_IMAGE',
                                     'SIZE_MISMATCH', 'INVALID_URL', 'FORBIDDEN_ADDRESS')),
    reason           text,
    status_code      integer,
    final_url        text,
    hops             jsonb       NOT NULL DEFAULT '[]',
    content_type     text,
    content_length   bigint,
    image_width      integer,
    image_height     integer,
    page_title       text,
    canonical_url    text,
    amp_html_url     text,
    og_image_url     text,
    is_amp           boolean,
    etag             text,
    last_modified    text,
    cache_control    text,
    expires          text,
    not_modified     boolean     NOT NULL DEFAULT false,
    attempts         integer     NOT NULL,
    requests         integer     NOT NULL,
    elapsed_ms       bigint      NOT NULL,
    error_class      text,
    error_message    text,
    checked_at       timestamptz NOT NULL,
    PRIMARY KEY (job_execution_id, url)
);
CREATE INDEX probe_result_url_idx ON newsprobe.probe_result (url, checked_at);
CREATE INDEX probe_result_verdict_idx ON newsprobe.probe_result (verdict, checked_at);
COMMENT ON TABLE newsprobe.probe_result IS 'Append-only probe history: one row per URL per job execution that probed it, with the evidence.';
COMMENT ON COLUMN newsprobe.probe_result.hops IS 'Every request of the redirect chain: [{url, method, status, location, address}].';

ALTER TABLE newsprobe.url_state
    ADD COLUMN page_title text,
    ADD COLUMN cache_control text,
    ADD COLUMN expires text,
    ADD COLUMN last_probe_execution_id bigint,
    ADD CONSTRAINT url_state_verdict_check CHECK (verdict IS NULL OR verdict IN ('OK', 'MOVED', 'BROKEN', 'SERVER_ERROR',
        'TIMEOUT', 'DNS_ERROR', 'CONNECT_ERROR', 'TLS_ERROR', 'BLOCKED', 'SOFT_404', 'NOT_AN_IMAGE', 'SIZE_MISMATCH',
        'INVALID_URL', 'FORBIDDEN_ADDRESS'));
