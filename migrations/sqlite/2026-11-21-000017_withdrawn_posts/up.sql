-- The few posts that are hidden or deleted, found by index: search leaves out comments under
-- them, and without this it read every post to find none (BENCHMARKS.md).
CREATE INDEX posts_withdrawn ON posts(id) WHERE hidden_at IS NOT NULL OR deleted_at IS NOT NULL;
