-- insert.sql: pgbench script, one INSERT per transaction into a table shaped
-- like the hot part of registrations (identity id, unique text, time).
INSERT INTO pgbench_ins (email, created_at) VALUES ('p' || :client_id || '-' || random() || '@x', 0);
