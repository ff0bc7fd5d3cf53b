-- Community health figures. Kept in step with migrations/sqlite.
--
-- Joins and leaves as counts, never as people: the database records every change of an active
-- membership (whichever path made it: join, approval, directory sync, removal, ban, departure)
-- as +1 or -1 for its community. No person id is kept.
CREATE TABLE membership_events (
    id BIGSERIAL PRIMARY KEY,
    community_id BIGINT NOT NULL,
    delta INTEGER NOT NULL,
    at TIMESTAMP NOT NULL
);
CREATE INDEX membership_events_at ON membership_events (at);
CREATE INDEX membership_events_community ON membership_events (community_id, at);

CREATE FUNCTION membership_event() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.state = 'active' THEN
            INSERT INTO membership_events (community_id, delta, at)
            VALUES (NEW.community_id, 1, clock_timestamp() AT TIME ZONE 'UTC');
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.state = 'active' THEN
            INSERT INTO membership_events (community_id, delta, at)
            VALUES (OLD.community_id, -1, clock_timestamp() AT TIME ZONE 'UTC');
        END IF;
        RETURN OLD;
    ELSE
        IF (OLD.state = 'active') <> (NEW.state = 'active') THEN
            INSERT INTO membership_events (community_id, delta, at)
            VALUES (NEW.community_id, CASE WHEN NEW.state = 'active' THEN 1 ELSE -1 END,
                    clock_timestamp() AT TIME ZONE 'UTC');
        END IF;
        RETURN NEW;
    END IF;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER memberships_events AFTER INSERT OR DELETE OR UPDATE OF state ON memberships
    FOR EACH ROW EXECUTE FUNCTION membership_event();

-- What was there before: each active membership joined when it was made.
INSERT INTO membership_events (community_id, delta, at)
    SELECT community_id, 1, created_at FROM memberships WHERE state = 'active';

-- Per community and day, what the KPI pages add up (filled for past days by a scheduled job;
-- today's is counted when asked). Counts of things, and members at the end of the day.
CREATE TABLE kpi_days (
    community_id BIGINT NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
    day DATE NOT NULL,
    members BIGINT NOT NULL,
    joins BIGINT NOT NULL,
    leaves BIGINT NOT NULL,
    posts BIGINT NOT NULL,
    comments BIGINT NOT NULL,
    reactions BIGINT NOT NULL,
    questions BIGINT NOT NULL,
    tasks_done BIGINT NOT NULL,
    reports BIGINT NOT NULL,
    PRIMARY KEY (community_id, day)
);
CREATE INDEX kpi_days_day ON kpi_days (day);
-- The days added up so far end before this one (a day without activity has no row).
CREATE TABLE kpi_filled (
    until DATE PRIMARY KEY
);

-- The ranges the KPI figures read by time.
CREATE INDEX posts_created ON posts (created_at);
CREATE INDEX comments_created ON comments (created_at);
CREATE INDEX reactions_created ON reactions (created_at);
CREATE INDEX tasks_completed ON tasks (completed_at);
CREATE INDEX reports_created ON reports (created_at);
