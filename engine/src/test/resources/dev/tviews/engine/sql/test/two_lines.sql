-- Why the statement is written so.
-- A second line of it.
SELECT {{column}}
FROM t
