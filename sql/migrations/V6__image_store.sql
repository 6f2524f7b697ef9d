-- newsprobe business schema, version 6: the image store's copies.
-- One row per image URL newsprobe has tried to mirror; the bytes themselves live in the image store
-- (a directory by default), under their content address, the hex SHA-256 in column sha256.

CREATE TABLE newsprobe.image_copy (
    url                  text PRIMARY KEY REFERENCES newsprobe.url_state (url) ON DELETE CASCADE,
    state                text        NOT NULL CHECK (state IN ('HELD', 'STALE', 'GONE', 'EVICTED', 'REFUSED', 'FAILED')),
    sha256               text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size_bytes           bigint,
    content_type         text,
    image_format         text,
    image_width          integer,
    image_height         integer,
    etag                 text,
    last_modified        text,
    stored_at            timestamptz,
    verified_at          timestamptz,
    reason               text,
    fetch_outcome        text,
    status_code          integer,
    last_attempt_at      timestamptz NOT NULL,
    next_check_at        timestamptz NOT NULL,
    consecutive_failures integer     NOT NULL DEFAULT 0,
    last_execution_id    bigint      NOT NULL,
    CONSTRAINT image_copy_held_has_bytes CHECK ((state IN ('HELD', 'STALE')) = (sha256 IS NOT NULL))
);
CREATE INDEX image_copy_sha256_idx ON newsprobe.image_copy (sha256) WHERE sha256 IS NOT NULL;
CREATE INDEX image_copy_next_check_idx ON newsprobe.image_copy (next_check_at);

COMMENT ON TABLE newsprobe.image_copy IS 'The image store''s copy of each image URL it has tried to mirror: its state, content address and validators.';
COMMENT ON COLUMN newsprobe.image_copy.state IS 'HELD: a copy is held and was confirmed at verified_at (current). STALE: a copy is held but its last revalidation failed. GONE: 404/410, copy evicted. EVICTED: removed to stay under the store''s cap (or missing from the store). REFUSED: not stored (not an image, too large, forbidden address; see reason). FAILED: download failed, no copy.';
COMMENT ON COLUMN newsprobe.image_copy.sha256 IS 'Content address of the bytes held (hex SHA-256); null when no copy is held. Several URLs may share one.';
COMMENT ON COLUMN newsprobe.image_copy.verified_at IS 'When the server last confirmed the copy (stored, 200 with these bytes, or 304).';
COMMENT ON COLUMN newsprobe.image_copy.next_check_at IS 'When the copy is next revalidated (HELD), or the URL next tried again (any other state).';

-- THE predicate "a current, verified copy of this image is held". Reconciliation ANDs it with the URL's
-- own verdict to decide whether isCached: true is true. Keep its name and meaning stable.
CREATE FUNCTION newsprobe.image_copy_current(image_url text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT EXISTS (SELECT 1 FROM newsprobe.image_copy c
                         WHERE c.url = image_url AND c.state = 'HELD' AND c.sha256 IS NOT NULL) $$;
COMMENT ON FUNCTION newsprobe.image_copy_current(text) IS 'True when the image store holds a current, verified copy of the image URL: state HELD (stored, or confirmed by 200/304 at its last revalidation). STALE, evicted, gone, refused or never mirrored: false.';
