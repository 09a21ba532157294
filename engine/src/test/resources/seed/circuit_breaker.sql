-- Verbatim from the architect guide, "Circuit Breaker Pattern".
-- Check cascade depth
CREATE OR REPLACE FUNCTION check_cascade_depth()
RETURNS trigger AS $$
DECLARE
    cascade_count int;
BEGIN
    -- Count pending cascades
    SELECT (pg_tviews_queue_stats()->>'queue_size')::int INTO cascade_count;

    IF cascade_count > 1000 THEN
        RAISE EXCEPTION 'Cascade queue too large, rejecting update';
    END IF;

    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- Install circuit breaker
CREATE TRIGGER cascade_circuit_breaker
    BEFORE INSERT ON tb_post
    FOR EACH ROW EXECUTE FUNCTION check_cascade_depth();
