-- newsprobe business schema, version 14: the verified cache state by verdict alone, so that a
-- verdict from history (a past run's report) is judged by the same rule as url_state today.

CREATE FUNCTION newsprobe.image_verdict_cached(verdict text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN verdict IN ('OK', 'MOVED', 'SIZE_MISMATCH') THEN true
        WHEN verdict IN ('BROKEN', 'SOFT_404', 'NOT_AN_IMAGE', 'INVALID_URL') THEN false
        ELSE NULL
    END
$$;
COMMENT ON FUNCTION newsprobe.image_verdict_cached(text) IS
    'Whether an image verdict means the image is served: true (OK, MOVED, SIZE_MISMATCH), false (BROKEN, SOFT_404, '
    'NOT_AN_IMAGE, INVALID_URL), null = unknown (not probed, inconclusive). The rule behind image_verified_cached.';

CREATE OR REPLACE FUNCTION newsprobe.image_verified_cached(state newsprobe.url_state) RETURNS boolean
    LANGUAGE sql STABLE AS $$ SELECT newsprobe.image_verdict_cached(state.verdict) $$;
