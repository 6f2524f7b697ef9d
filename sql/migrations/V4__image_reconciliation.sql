-- newsprobe business schema, version 4: cache state. Whether an article image's declared isCached
-- is true, and every disagreement, with when it began.

-- The verified cache state of an image URL, decided in this one place (the reconcile step and
-- analysts' queries both call it): true when the URL is verified to serve the image (verdict OK),
-- false when it is verified not to, null when nothing sure is known (never probed, or an
-- inconclusive verdict: TIMEOUT, CONNECT_ERROR, SERVER_ERROR, BLOCKED, DNS_ERROR, TLS_ERROR,
-- FORBIDDEN_ADDRESS). A later condition such as "and the image store holds a current copy" is
-- ANDed into the OK branch here, by a migration that replaces this function.
CREATE FUNCTION newsprobe.image_verified_cached(state newsprobe.url_state) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN state.verdict = 'OK' THEN true
        WHEN state.verdict IN ('BROKEN', 'SOFT_404', 'NOT_AN_IMAGE', 'SIZE_MISMATCH', 'MOVED', 'INVALID_URL') THEN false
        ELSE NULL
    END
$$;
COMMENT ON FUNCTION newsprobe.image_verified_cached(newsprobe.url_state) IS
    'Verified cache state of an image URL: true = verified OK, false = verified not, null = unknown (unprobed or inconclusive).';

CREATE TABLE newsprobe.image_reconciliation (
    article_id          bigint      NOT NULL REFERENCES newsprobe.article (id) ON DELETE CASCADE,
    position            integer     NOT NULL,
    url                 text        NOT NULL,
    declared_is_cached  boolean     NOT NULL,
    verified_cached     boolean,
    verdict             text,
    state               text        NOT NULL CHECK (state IN ('DISAGREE', 'UNKNOWN')),
    since_execution_id  bigint      NOT NULL,
    since_at            timestamptz NOT NULL,
    last_execution_id   bigint      NOT NULL,
    last_reconciled_at  timestamptz NOT NULL,
    PRIMARY KEY (article_id, position)
);
CREATE INDEX image_reconciliation_state_idx ON newsprobe.image_reconciliation (state, article_id);
COMMENT ON TABLE newsprobe.image_reconciliation IS
    'Article images (live articles, isCached declared) whose isCached disagrees with the verified state, or cannot be '
    'checked yet. An image that agrees has no row. Kept by the reconcile steps; every change of state is an audit_event.';
COMMENT ON COLUMN newsprobe.image_reconciliation.position IS 'article_image.position of the image in its article.';
COMMENT ON COLUMN newsprobe.image_reconciliation.verified_cached IS 'newsprobe.image_verified_cached of the URL''s url_state; null = unknown.';
COMMENT ON COLUMN newsprobe.image_reconciliation.state IS
    'DISAGREE: declared_is_cached <> verified_cached (fix the file). UNKNOWN: never probed or an inconclusive verdict.';
COMMENT ON COLUMN newsprobe.image_reconciliation.since_execution_id IS 'The job execution that first found the image in this state.';
COMMENT ON COLUMN newsprobe.image_reconciliation.last_execution_id IS 'The last job execution that found it so.';
