-- The person's own door. An account is one contact (an email address or a US phone number, keyed
-- as PortalContact.Key) that opens one person's record; its session stamp changes when the person
-- signs out, which ends every session of the account at once.
CREATE TABLE person_accounts (
    community_id TEXT NOT NULL,
    contact TEXT NOT NULL,
    person_id TEXT NOT NULL,
    session_stamp TEXT NOT NULL,
    created_at TEXT NOT NULL,
    signed_in_at TEXT,
    PRIMARY KEY (community_id, contact)
);
CREATE INDEX ix_person_accounts_person ON person_accounts (community_id, person_id);

-- One-time codes sent to a contact (sign in, sign up, claim a record a navigator made). Only a
-- hash of each code is kept; a code is good until it expires, for a few tries, and once. A sign-up
-- code is verified first (verified_at) and used when the person has given their name (used_at).
CREATE TABLE person_codes (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    contact TEXT NOT NULL,
    purpose TEXT NOT NULL,
    person_id TEXT,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    verified_at TEXT,
    used_at TEXT,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_person_codes_contact ON person_codes (community_id, contact, created_at);
