-- The Human Services Value Curve: organizations' self-assessments (a level and evidence per
-- dimension, as JSON), their action plans (at most five ranked steps per dimension), and a
-- partnership's own wording of the rubric where it replaces Braid's.
CREATE TABLE value_curve_assessments (
    community_id TEXT NOT NULL,
    id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    program TEXT,
    assessed_on TEXT NOT NULL,
    levels TEXT NOT NULL,
    evidence TEXT NOT NULL,
    assessed_by TEXT NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, id)
);
CREATE INDEX ix_value_curve_assessments_organization ON value_curve_assessments (community_id, organization_id, assessed_on);

CREATE TABLE value_curve_steps (
    community_id TEXT NOT NULL,
    organization_id TEXT NOT NULL,
    dimension TEXT NOT NULL,
    rank INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 5),
    text TEXT NOT NULL,
    owner TEXT,
    due_on TEXT,
    done_on TEXT,
    updated_by TEXT NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (community_id, organization_id, dimension, rank)
);

CREATE TABLE value_curve_rubric (
    community_id TEXT NOT NULL,
    dimension TEXT NOT NULL,
    level INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (community_id, dimension, level)
);
