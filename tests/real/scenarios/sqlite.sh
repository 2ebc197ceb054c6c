# sqlite3 (dynamic): a table, an index, aggregates, a join, a recursive CTE.
cat > t.sql <<'END'
CREATE TABLE t(id INTEGER PRIMARY KEY, k INTEGER, name TEXT);
WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000)
INSERT INTO t(k, name) SELECT (x * 7919) % 101, 'n' || x FROM c;
CREATE INDEX tk ON t(k);
SELECT count(*), sum(k), min(k), max(k) FROM t;
SELECT k, count(*) FROM t GROUP BY k ORDER BY count(*) DESC, k LIMIT 3;
SELECT a.name, b.name FROM t a JOIN t b ON a.k = b.k AND a.id < b.id WHERE a.id < 3 ORDER BY 1, 2 LIMIT 4;
SELECT printf('%.3f', avg(k)), total(k) / count(*) FROM t;
SELECT group_concat(name, '-') FROM (SELECT name FROM t WHERE k = 0 ORDER BY id);
END
$X $S/usr/bin/sqlite3 db < t.sql
$X $S/usr/bin/sqlite3 db 'SELECT count(*) FROM t WHERE k > 50'
