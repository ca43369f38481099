-- Links emailed to those who answer a referral without an account: an organization not on Braid
-- accepts or declines an external referral and later closes it; a person says how an
-- informational referral went. Only the SHA-256 hash of each link's random token is kept; a link
-- is good until it expires and is used once (used_at is set in the transaction of the answer).
CREATE TABLE referral_links (
    community_id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    purpose TEXT NOT NULL,
    recipient TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    PRIMARY KEY (community_id, token_hash)
);
CREATE INDEX ix_referral_links_referral ON referral_links (community_id, referral_id);
