-- Due URLs are probed in the order of their MD5, not of their text: URLs sorted as text cluster by
-- host, so a page of due URLs would hold one host's URLs and per-host politeness would leave the
-- rest of the concurrency idle. Hashing interleaves hosts evenly. (url is kept for ties.)
CREATE INDEX url_state_probe_order_idx ON newsprobe.url_state (md5(url), url);
