-- tviews consistency reproducer (fixture): scenario social, trigger mode row, seed 7
-- Replay on a fresh database of the scenario: psql -f social-row-seed-7.sql
BEGIN;
UPDATE tb_comment SET fk_user = 3 WHERE pk_comment = 41;
UPDATE tb_user SET name = 'bob' WHERE pk_user = 3;
COMMIT;
-- expected: tv_post pk_post=17 equals its definition
SELECT * FROM tv_post WHERE pk_post = 17
EXCEPT ALL
SELECT * FROM v_tv_post_definition WHERE pk_post = 17;
