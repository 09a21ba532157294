-- The one freshness comparison of the project: the symmetric EXCEPT ALL of a read model and its
-- definition, in one pass. Every distinct row of either side comes back with its multiplicity in
-- the definition minus its multiplicity in the read model (surplus > 0: missing from the read
-- model, < 0: extra in it). Rows where the two agree sum to zero and are dropped. Grouping compares
-- values with their own types' equality (numeric 1.0 = 1.00, jsonb by value, json is cast to jsonb
-- first). One statement, so both sides come from the same snapshot. Only the definition's columns
-- are compared: a strategy may add columns of its own to the read model.
SELECT g.tviews_oracle_side AS surplus, to_jsonb(g) - 'tviews_oracle_side' AS row,
       to_jsonb(g) ->> ${key} AS key
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
