-- People, their screenings, needs, goals and consents, and the log of every read of their data.
-- The columns a navigator searches by (names folded to ASCII lower case, date of birth, phone
-- digits) and the equity engine groups by (tract, language, race and ethnicity) are columns; the
-- rest of the person's own description is one JSON document. The Soundex codes of the names are
-- the blocking keys that find a person despite a misspelling. A merged duplicate is kept, pointing
-- at the record it was merged into, so the merge can be undone.
CREATE TABLE people (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    registered_by TEXT NOT NULL,
    given_name TEXT,
    family_name TEXT,
    preferred_name TEXT,
    name_key TEXT NOT NULL,
    family_sound TEXT NOT NULL,
    given_sound TEXT NOT NULL,
    birth_date date,
    phone_digits TEXT,
    email TEXT,
    tract TEXT,
    language TEXT,
    race_ethnicity TEXT,
    details TEXT NOT NULL,
    merged_into TEXT,
    merged_at timestamptz,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_people_birth_date ON people (community_id, birth_date);
CREATE INDEX ix_people_phone ON people (community_id, phone_digits);
CREATE INDEX ix_people_name ON people (community_id, name_key);
CREATE INDEX ix_people_sound ON people (community_id, family_sound, given_sound);
CREATE INDEX ix_people_given_sound ON people (community_id, given_sound, family_sound);
CREATE TABLE person_consents (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    grantee_kind TEXT NOT NULL,
    grantee_value TEXT,
    categories TEXT NOT NULL,
    purposes TEXT NOT NULL,
    start_at timestamptz NOT NULL,
    end_at timestamptz,
    revoked_at timestamptz,
    revoked_by TEXT,
    method TEXT NOT NULL,
    witness TEXT,
    language TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_person_consents_person ON person_consents (community_id, person_id);
CREATE TABLE screenings (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    instrument TEXT NOT NULL,
    status TEXT NOT NULL,
    language TEXT NOT NULL,
    responses TEXT NOT NULL,
    started_by TEXT NOT NULL,
    started_at timestamptz NOT NULL,
    completed_at timestamptz,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_screenings_person ON screenings (community_id, person_id);
CREATE TABLE needs (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    category TEXT NOT NULL,
    screening_id TEXT,
    status TEXT NOT NULL,
    rank INTEGER,
    recorded_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_needs_person ON needs (community_id, person_id);
CREATE TABLE goals (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    need_id TEXT,
    text TEXT NOT NULL,
    history TEXT NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_goals_person ON goals (community_id, person_id);
CREATE TABLE disclosures (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    at timestamptz NOT NULL,
    actor TEXT NOT NULL,
    organization_id TEXT,
    channel TEXT NOT NULL,
    categories TEXT NOT NULL,
    purpose TEXT NOT NULL,
    consent_id TEXT,
    reason TEXT NOT NULL,
    broke_glass boolean NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_disclosures_person ON disclosures (community_id, person_id, at);
