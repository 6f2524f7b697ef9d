-- newsprobe business schema, version 17.1: whether an image's real size could be read.
--
-- An image whose size the prober could not read (a format it recognises but whose header lay past
-- what it may read, an SVG sized only relatively) used to store no size and pass as OK whatever the
-- article declared. size_known says it: true when the real width and height were read, false when the
-- format is known but its size is not, null when nothing was read that could tell (a page, an image
-- checked by HEAD alone, a failure). An image with a declared size and size_known = false has that size
-- unverified: reconcile and the report count those apart from verified ones.
ALTER TABLE newsprobe.probe_result ADD COLUMN size_known boolean;
ALTER TABLE newsprobe.url_state ADD COLUMN image_size_known boolean;

COMMENT ON COLUMN newsprobe.probe_result.size_known IS
    'true: the image''s real width and height were read; false: its format is known but its size could not be '
    'read (a declared size is then unverified); null: nothing read could tell (a page, HEAD only, a failure).';
COMMENT ON COLUMN newsprobe.url_state.image_size_known IS
    'size_known of the last probe that read the image''s bytes: false means a declared size is unverified.';

-- Every live article image that declares a size, against what its bytes say.
CREATE VIEW newsprobe.v_image_size_checks AS
SELECT a.id                AS article_id,
       a.path              AS article_path,
       i.position          AS image_position,
       i.url,
       i.declared_width,
       i.declared_height,
       u.verdict,
       u.image_width,
       u.image_height,
       u.image_size_known,
       CASE
           WHEN u.verdict = 'SIZE_MISMATCH' THEN 'mismatch'
           -- probed before 17.1: known when a size was stored
           WHEN u.verdict IN ('OK', 'MOVED') AND COALESCE(u.image_size_known,
                u.image_width IS NOT NULL AND u.image_height IS NOT NULL) THEN 'verified'
           WHEN u.verdict IN ('OK', 'MOVED') THEN 'unverified'
           ELSE 'not checked'
       END                 AS size_state,
       u.last_checked_at
FROM newsprobe.article_image i
JOIN newsprobe.article a ON a.id = i.article_id AND a.gone_at IS NULL
LEFT JOIN newsprobe.url_state u ON u.url = i.url
WHERE i.declared_width IS NOT NULL OR i.declared_height IS NOT NULL;

COMMENT ON VIEW newsprobe.v_image_size_checks IS
    'Each live article image that declares a size: verified (its bytes give that size), mismatch, unverified '
    '(the image is served but its size could not be read: newsprobe cannot confirm the declaration), not checked.';
