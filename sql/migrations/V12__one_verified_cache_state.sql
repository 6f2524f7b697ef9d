-- newsprobe business schema, version 12: one meaning of "verified cached" for the reconcile steps,
-- write-back and analysts.
--
-- V4's image_verified_cached counted MOVED and SIZE_MISMATCH as "verified not cached" while V5's
-- v_image_cache_health counted them as available. An image that moved permanently still serves
-- the image (at its new location, which write-back can put into the file), and an image whose
-- real size differs from the declared one is still a real image: both are held to be available.
-- BLOCKED and the other inconclusive verdicts stay unknown.

CREATE OR REPLACE FUNCTION newsprobe.image_verified_cached(state newsprobe.url_state) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN state.verdict IN ('OK', 'MOVED', 'SIZE_MISMATCH') THEN true
        WHEN state.verdict IN ('BROKEN', 'SOFT_404', 'NOT_AN_IMAGE', 'INVALID_URL') THEN false
        ELSE NULL
    END
$$;
COMMENT ON FUNCTION newsprobe.image_verified_cached(newsprobe.url_state) IS
    'Verified cache state of an image URL: true = serves the image (OK, MOVED, SIZE_MISMATCH), false = verified not '
    '(BROKEN, SOFT_404, NOT_AN_IMAGE, INVALID_URL), null = unknown (unprobed or inconclusive).';

-- The view keeps its columns; verified_available now comes from the one function.
CREATE OR REPLACE VIEW newsprobe.v_image_cache_health AS
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
CROSS JOIN LATERAL (SELECT CASE WHEN u.url IS NULL THEN NULL
                                ELSE newsprobe.image_verified_cached(u) END AS verified_available) v;
