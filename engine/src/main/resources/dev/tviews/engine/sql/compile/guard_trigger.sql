-- Only the engine writes a tv table: its refreshes set tviews.writing, any other write is refused
-- by tviews.guard(). {{table}}: the tv table, qualified and quoted.
CREATE TRIGGER tviews_guard BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {{table}} FOR EACH STATEMENT WHEN (current_setting('tviews.writing', true) IS DISTINCT FROM 'on') EXECUTE FUNCTION tviews.guard()
