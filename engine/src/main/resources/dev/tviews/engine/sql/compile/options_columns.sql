-- The select-list columns that OptionsCodec.read decodes from the options {{document}}. Documents
-- written by older engines lack some fields: they read as the defaults (uniqueId stays NULL, so a
-- recompile can tell it was never recorded).
{{document}} ->> 'key', coalesce(({{document}} ->> 'fullRefreshOnUntraceable')::boolean, false),
coalesce(({{document}} ->> 'ginIndexOnData')::boolean, false), coalesce(({{document}} ->> 'batch')::boolean, false),
{{document}} -> 'partitioning' ->> 'method', {{document}} -> 'partitioning' ->> 'column',
({{document}} -> 'partitioning' ->> 'partitions')::int, ({{document}} ->> 'uniqueId')::boolean,
ARRAY(SELECT jsonb_array_elements_text(coalesce({{document}} -> 'extraSources', '[]')))
