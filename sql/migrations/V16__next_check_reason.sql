-- newsprobe business schema, version 16: why a URL is due when it is.
--
-- next_check_at says when a URL is probed again; next_check_reason says what set that time, in
-- words: the header that gave the freshness lifetime and the bound that clipped it
-- ("Cache-Control: max-age=60 (1m), raised to min-ttl 1h"), an Expires that is not an HTTP date
-- ("Expires 'soon' is not an HTTP date: ..., so stale at once"), or the backoff step of a failing
-- URL ("definite failure 2 in a row: 3d"). Null for rows probed before this version and for
-- offline verdicts, which are never due.
ALTER TABLE newsprobe.url_state ADD COLUMN next_check_reason text;
