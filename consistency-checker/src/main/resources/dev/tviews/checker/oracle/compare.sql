-- The symmetric EXCEPT ALL of a read model and its definition, in one pass: every distinct row of
-- either side with its multiplicity in the definition minus its multiplicity in the read model;
-- rows where the two agree sum to zero and are dropped. Grouping compares values with their own
-- types' equality (numeric 1.0 = 1.00, jsonb by value; json is cast to jsonb first). One
-- statement, so both sides come from the same snapshot. The few rows left are returned as jsonb
-- and paired by key in Java, where order of unordered aggregates and float rounding are forgiven.
SELECT g.tviews_oracle_side AS side, to_jsonb(g) - 'tviews_oracle_side' AS row
FROM (
    SELECT ${columns}, sum(u.tviews_oracle_side) AS tviews_oracle_side
    FROM (
        SELECT ${definitionColumns}, 1 AS tviews_oracle_side FROM (
${definition}
        ) d
        UNION ALL
        SELECT ${relationColumns}, -1 FROM ${relation} t
    ) u
    GROUP BY ${columns}
    HAVING sum(u.tviews_oracle_side) <> 0
) g
ORDER BY to_jsonb(g) -> ${key}
