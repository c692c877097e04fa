-- Gives a database of schema version 6 the shape of version 5, its rows kept: how the tests make
-- an older database (engine/store.c, SCHEMA_V6, goes the other way).
CREATE TABLE changes_v5(
  cid INTEGER NOT NULL REFERENCES commits(cid),
  pid INTEGER NOT NULL REFERENCES paths(pid),
  kind TEXT NOT NULL CHECK(kind = 'A' OR kind = 'M' OR kind = 'D' OR kind = 'T'),
  added INTEGER,
  removed INTEGER,
  PRIMARY KEY(cid, pid)) WITHOUT ROWID;
INSERT INTO changes_v5 SELECT cid, pid, kind, added, removed FROM changes;
DROP TABLE changes;
ALTER TABLE changes_v5 RENAME TO changes;
CREATE INDEX changes_by_path ON changes(pid);
ALTER TABLE commits DROP COLUMN first_change;
ALTER TABLE commits DROP COLUMN change_count;
PRAGMA user_version = 5;
