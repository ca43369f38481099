-- What a person said about a referral once it closed, at most once per referral: each question
-- (helpful, respectful, in their language: yes/partly/no or yes/no; need met) may be left empty.
-- The answers are outcomes of the equity engine; an organization sees only their counts.
CREATE TABLE referral_feedback (
    community_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    person_id TEXT NOT NULL,
    to_organization TEXT,
    helpful TEXT,
    respectful TEXT,
    in_language TEXT,
    need_met TEXT,
    text TEXT,
    channel TEXT NOT NULL,
    given_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, referral_id)
);
CREATE INDEX ix_referral_feedback_organization ON referral_feedback (community_id, to_organization);
