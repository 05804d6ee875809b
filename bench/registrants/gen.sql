-- gen.sql: adds :n registrations (default 300,000) to the series with slug
-- 'ocop-2021', straight in SQL, in one transaction: a few seconds.
-- Names are drawn from common Vietnamese family, middle and given names
-- (Nguyễn weighted as in life), with their folded forms alongside.
-- Usage: sqlite3 DB < gen.sql   (run.sh sets the count with a temp table)
CREATE TEMP TABLE IF NOT EXISTS gen_params (n INTEGER);
INSERT INTO gen_params SELECT 300000 WHERE NOT EXISTS (SELECT 1 FROM gen_params);
CREATE TEMP TABLE fam (i INTEGER PRIMARY KEY, v TEXT, f TEXT);
INSERT INTO fam (v, f) VALUES ('Nguyễn','nguyen'),('Nguyễn','nguyen'),('Nguyễn','nguyen'),
 ('Nguyễn','nguyen'),('Trần','tran'),('Lê','le'),('Phạm','pham'),('Hoàng','hoang'),
 ('Huỳnh','huynh'),('Phan','phan'),('Vũ','vu'),('Võ','vo'),('Đặng','dang'),('Bùi','bui'),
 ('Đỗ','do'),('Hồ','ho'),('Ngô','ngo'),('Dương','duong'),('Lý','ly'),('Tôn Nữ','ton nu');
CREATE TEMP TABLE mid (i INTEGER PRIMARY KEY, v TEXT, f TEXT);
INSERT INTO mid (v, f) VALUES ('Thị','thi'),('Văn','van'),('Hữu','huu'),('Đức','duc'),
 ('Minh','minh'),('Thanh','thanh'),('Ngọc','ngoc'),('Quốc','quoc'),('Thu','thu'),
 ('Hoàng','hoang'),('Thị Hoàng','thi hoang'),('Phương','phuong');
CREATE TEMP TABLE giv (i INTEGER PRIMARY KEY, v TEXT, f TEXT);
INSERT INTO giv (v, f) VALUES ('Cơ','co'),('Bình','binh'),('Hồng','hong'),('Lan','lan'),
 ('Hùng','hung'),('Dũng','dung'),('Hương','huong'),('Thảo','thao'),('Nam','nam'),('An','an'),
 ('Tuấn','tuan'),('Mai','mai'),('Hà','ha'),('Linh','linh'),('Phương','phuong'),
 ('Trang','trang'),('Sơn','son'),('Long','long'),('Quang','quang'),('Yến','yen'),
 ('Nhung','nhung'),('Khánh','khanh'),('Đạt','dat'),('Vy','vy'),('Châu','chau'),('Tâm','tam'),
 ('Hải','hai'),('Trung','trung'),('Thủy','thuy'),('Giang','giang'),('Quỳnh Như','quynh nhu'),
 ('Thảo Nguyên','thao nguyen'),('Ánh','anh'),('Ðức','duc'),('Ơn','on'),('Ưng','ung');
CREATE TEMP TABLE prov AS SELECT row_number() OVER (ORDER BY code) AS i, code
 FROM provinces WHERE list = '2025';
CREATE TEMP TABLE cat (i INTEGER PRIMARY KEY, c TEXT);
INSERT INTO cat (c) VALUES ('province_official'),('commune_official'),('enterprise'),
 ('cooperative'),('cooperative_group'),('household'),('other'),('enterprise'),('household');

BEGIN;
WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq
                          WHERE k < (SELECT n FROM gen_params)),
s AS (SELECT id FROM series WHERE slug = 'ocop-2021'),
b AS (SELECT COALESCE(MAX(id), 0) AS base FROM registrations)
INSERT INTO registrations (series_id, token, full_name, name_fold, email, email_norm, phone,
  province_code, category, organization, position, consent, consent_at, status, source,
  created_at)
SELECT (SELECT id FROM s), 'gen' || printf('%019d', base + k),
  fam.v || ' ' || mid.v || ' ' || giv.v, fam.f || ' ' || mid.f || ' ' || giv.f,
  'nguoi' || (base + k) || '@example.vn', 'nguoi' || (base + k) || '@example.vn',
  '+849' || printf('%08d', (base + k) * 7919 % 100000000),
  prov.code, cat.c, 'HTX số ' || (k % 5000), CASE k % 3 WHEN 0 THEN 'Giám đốc' ELSE '' END,
  1, 1630000000 + k, 'active', 'bench', 1630000000 + k
FROM seq, b
JOIN fam ON fam.i = 1 + (k * 48271 % 2147483647) % 20
JOIN mid ON mid.i = 1 + (k * 69621 % 2147483647) % 12
JOIN giv ON giv.i = 1 + (k * 16807 % 2147483647 / 20) % 36
JOIN prov ON prov.i = 1 + (k * 40692 % 2147483399) % 34
JOIN cat ON cat.i = 1 + (k * 39373 % 2147483563 / 7) % 9;
COMMIT;
