-- newsprobe business schema, version 13: "verified cached" when the image store is in use.
--
-- With the image store enabled (newsprobe.store.enabled=true), isCached: true means "a current,
-- verified copy is held" (DESIGN: cache state): the URL must serve the image AND the store must
-- hold a current copy of it (image_copy_current). Without the store, the URL's verdict alone
-- decides, as V12 says. The reconcile steps and write-back pass the setting; the one-argument
-- function (the verdict alone) stays for analysts, and v_image_cache_health shows both.

CREATE FUNCTION newsprobe.image_verified_cached(state newsprobe.url_state, require_copy boolean) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT CASE
        WHEN newsprobe.image_verified_cached(state) AND require_copy THEN newsprobe.image_copy_current(state.url)
        ELSE newsprobe.image_verified_cached(state)
    END
$$;
COMMENT ON FUNCTION newsprobe.image_verified_cached(newsprobe.url_state, boolean) IS
    'Verified cache state of an image URL; with require_copy (the image store is enabled) true also needs a current '
    'copy in the store (image_copy_current), else false. Null = unknown.';

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
       END                                                                           AS cache_state,
       newsprobe.image_copy_current(i.url)                                           AS copy_held
FROM newsprobe.article_image i
JOIN newsprobe.article a ON a.id = i.article_id AND a.gone_at IS NULL
LEFT JOIN newsprobe.related_article r ON r.article_id = i.article_id AND r.position = i.related_position
LEFT JOIN newsprobe.url_state u ON u.url = i.url
CROSS JOIN LATERAL (SELECT CASE WHEN u.url IS NULL THEN NULL
                                ELSE newsprobe.image_verified_cached(u) END AS verified_available) v;
