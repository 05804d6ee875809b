// Console: the registrants page (counts, filters, search without
// diacritics, paging), the CSV and XLSX downloads (official order, read
// back), the export/import round trip, editing and withdrawing, roles, CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, ocop, PG } from '../lib/server.mjs';
import { sql, text, apiRegister, person } from '../lib/ocop.mjs';
import { account, login, importFile, dump, BASE, SLUG } from '../lib/regs.mjs';

let srv, org, viewer;
const PEOPLE = [
  ['Nguyễn Thị Cơ', 'co.nguyen@example.vn', '0912 345 678', 'Hà Nội', 'Doanh nghiệp'],
  ['Đinh Văn Cơ', 'co.dinh@example.vn', '0912 000 001', 'Hà Nội', 'Hợp tác xã'],
  ['Trần Văn Bình', 'binh@example.vn', '0912 000 002', 'TP Hồ Chí Minh', 'Hợp tác xã'],
  ['Lê Đức', 'duc@example.vn', '0912 000 003', 'Nghệ An', 'Khác'],
  ['Phạm Văn Dũng', 'dung@example.vn', '0912 000 004', 'Nghệ An', 'Doanh nghiệp'],
  ['Bùi Thị Ánh', 'anh@example.vn', '0912 000 005', 'Huế', 'Tổ hợp tác'],
  ['Hoàng An', 'an@example.vn', '0912 000 006', 'Cần Thơ', 'Doanh nghiệp'],
];
const OFFICIAL = ['Hoàng An', 'Bùi Thị Ánh', 'Trần Văn Bình', 'Đinh Văn Cơ', 'Nguyễn Thị Cơ',
  'Phạm Văn Dũng', 'Lê Đức'];

before(async () => {
  srv = await startServer();
  org = await login(srv, 'org@ocop.vn', account(srv, 'org@ocop.vn', 'organizer'));
  viewer = await login(srv, 'viewer@ocop.vn', account(srv, 'viewer@ocop.vn', 'viewer'));
  const lines = ['Họ và tên,Địa chỉ email,Số điện thoại,Tỉnh/Thành phố,Đối tượng,Đơn vị công tác'];
  for (const p of PEOPLE) lines.push(p.map((x) => `"${x}"`).join(',') + ',HTX Xanh');
  for (let i = 0; i < 120; i++) lines.push(`Vũ Văn Khách ${i},khach${i}@example.vn,0933 ${String(100000 + i)},Cà Mau,Khác,`);
  const file = join(srv.dir, 'seed.csv');
  writeFileSync(file, lines.join('\n'));
  ocop(['import', 'registrations', file, '--series', SLUG, '--db', srv.db]);
});
after(async () => { await srv.stop(); });

const names = (html) => [...html.matchAll(/registrations\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

test('the page: counts by province and category, search without diacritics, filters, paging', async () => {
  let { res, body } = await viewer.html(`${BASE}/registrations`);
  assert.equal(res.status, 200);
  const counts = text(/<ul class="stats" id="by-province">[\s\S]*?<\/ul>/.exec(body)[0]);
  assert.match(counts, /Cà Mau: 120/);
  assert.match(counts, /Hà Nội: 2/);
  assert.match(text(/id="by-category">[\s\S]*?<\/ul>/.exec(body)[0]), /Khác: 121/);
  assert.equal(names(body).length, 50);
  assert.doesNotMatch(body, /Nhập từ tệp CSV/, 'a viewer is not offered the import');

  ({ body } = await viewer.html(`${BASE}/registrations?q=${encodeURIComponent('nguyen thi co')}`));
  assert.deepEqual(names(body), ['Nguyễn Thị Cơ']);
  ({ body } = await viewer.html(`${BASE}/registrations?q=${encodeURIComponent('NGUYỄN   thị CƠ')}`));
  assert.deepEqual(names(body), ['Nguyễn Thị Cơ']);
  ({ body } = await viewer.html(`${BASE}/registrations?q=co`));
  assert.deepEqual(names(body).sort(), ['Nguyễn Thị Cơ', 'Đinh Văn Cơ'].sort(), 'a two-letter word');
  ({ body } = await viewer.html(`${BASE}/registrations?q=${encodeURIComponent('đinh co')}`));
  assert.deepEqual(names(body), ['Đinh Văn Cơ'], 'words in any order, đ as d');
  ({ body } = await viewer.html(`${BASE}/registrations?q=binh%40example`));
  assert.deepEqual(names(body), ['Trần Văn Bình'], 'by e-mail');
  ({ body } = await viewer.html(`${BASE}/registrations?q=${encodeURIComponent('0912 345')}`));
  assert.deepEqual(names(body), ['Nguyễn Thị Cơ'], 'by phone digits');
  ({ body } = await viewer.html(`${BASE}/registrations?q=${encodeURIComponent('+84 912 000 004')}`));
  assert.deepEqual(names(body), ['Phạm Văn Dũng'], 'by phone in +84 form');
  ({ body } = await viewer.html(`${BASE}/registrations?province=40`));
  assert.deepEqual(names(body).sort(), ['Lê Đức', 'Phạm Văn Dũng'].sort());
  ({ body } = await viewer.html(`${BASE}/registrations?province=40&category=enterprise`));
  assert.deepEqual(names(body), ['Phạm Văn Dũng']);
  ({ body } = await viewer.html(`${BASE}/registrations?q=%22%3Cscript%3E`));
  assert.match(body, /Không có người đăng ký nào khớp/);
  assert.doesNotMatch(body, /<script>/);

  // Paging: 127 rows, 50 a page, keyset links keep the filters.
  const seen = [];
  let url = `${BASE}/registrations?q=khach`;
  for (let page = 0; page < 5 && url; page++) {
    ({ body } = await viewer.html(url));
    seen.push(...names(body));
    const next = /href="([^"]+)" rel="next"/.exec(body);
    url = next && next[1].replace(/&amp;/g, '&');
    if (url) assert.match(url, /q=khach&before=\d+$/);
  }
  assert.equal(seen.length, 120);
  assert.equal(new Set(seen).size, 120);
});

test('CSV download: BOM, Vietnamese headings, sorted by given name in Vietnamese order', async () => {
  const res = await viewer.get(`${BASE}/registrations.csv`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="dang-ky-ocop-2021.csv"/);
  const buf = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = buf.toString('utf8').slice(1).split('\r\n');
  assert.equal(lines[0], 'STT,Họ và tên,Địa chỉ email,Số điện thoại,Tỉnh/Thành phố,Đối tượng,Đơn vị công tác,Chức vụ,Thời điểm đăng ký,Trạng thái');
  const order = lines.slice(1).map((l) => l.split(',')[1]).filter((n) => n && !n.startsWith('Vũ'));
  assert.deepEqual(order, OFFICIAL);
  assert.match(lines.find((l) => l.includes('Nguyễn Thị Cơ')), /,0912 345 678,Hà Nội,Doanh nghiệp,HTX Xanh,,\d\d\/\d\d\/\d{4} \d\d:\d\d,Đang tham gia$/);
  assert.equal(lines.filter((l) => l).length, 128);
});

test('XLSX download: read back with openpyxl, header frozen, same order', async () => {
  const res = await viewer.get(`${BASE}/registrations.xlsx`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const file = join(srv.dir, 'out.xlsx');
  writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const py = `import json, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1], read_only=False)
ws = wb.active
rows = [[c.value for c in r] for r in ws.iter_rows()]
print(json.dumps({"freeze": ws.freeze_panes, "head": rows[0], "n": len(rows) - 1,
  "names": [r[1] for r in rows[1:]], "widthB": ws.column_dimensions["B"].width}))`;
  const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' }));
  assert.equal(out.freeze, 'A2');
  assert.deepEqual(out.head.slice(0, 3), ['STT', 'Họ và tên', 'Địa chỉ email']);
  assert.equal(out.n, 127);
  assert.deepEqual(out.names.filter((n) => !n.startsWith('Vũ')), OFFICIAL);
  assert.ok(out.widthB >= 14, 'the name column is wide enough');
  const cli = join(srv.dir, 'cli.xlsx');
  ocop(['export', 'registrations', '--series', SLUG, '--format', 'xlsx', '--output', cli, '--db', srv.db]);
  assert.equal(JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, cli], { encoding: 'utf8' })).n, 127);
});

test('round trip: export, import the export, nothing changes', async () => {
  const before = dump(srv.db);
  const csv = ocop(['export', 'registrations', '--series', SLUG, '--format', 'csv', '--db', srv.db]);
  const r = await importFile(org, csv, 'export.csv');
  assert.equal(r.state, 'done', r.html);
  assert.deepEqual([r.total, r.imported, r.merged, r.rejected, r.filled], [127, 0, 127, 0, 0]);
  assert.equal(dump(srv.db), before);
});

const idOf = (email) => sql(srv.db, `SELECT id FROM registrations WHERE email_norm = '${email}'`);

test('edit: same rules as the form, e-mail stays unique, audit with before and after', async () => {
  const id = idOf('binh@example.vn');
  const path = `${BASE}/registrations/${id}`;
  let { res, body } = await org.html(path);
  assert.equal(res.status, 200);
  assert.match(body, /value="0912 000 002"/);
  const fields = { full_name: 'Trần Văn Bính', email: 'binh.moi@example.vn', phone: '0988 777 666',
    province_code: '79', category: 'cooperative', organization: 'HTX Bình Minh', position: 'Chủ nhiệm' };
  res = await org.post(path, fields);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `${path}?saved=1`);
  assert.equal(sql(srv.db, `SELECT full_name, name_fold, email_norm, phone, organization FROM registrations WHERE id = ${id}`),
    'Trần Văn Bính|tran van binh|binh.moi@example.vn|+84988777666|HTX Bình Minh');
  const audit = sql(srv.db, `SELECT actor, action, object, before_json, after_json FROM audit_log WHERE action = 'registration.update' ORDER BY id DESC LIMIT 1`).split('|');
  assert.deepEqual(audit.slice(0, 3), ['org@ocop.vn', 'registration.update', `registration:${id}`]);
  assert.equal(JSON.parse(audit[3]).full_name, 'Trần Văn Bình');
  assert.equal(JSON.parse(audit[4]).full_name, 'Trần Văn Bính');
  assert.ok(!('token' in JSON.parse(audit[4])), 'no personal token in the audit log');
  ({ body } = await org.html(`${BASE}/registrations?q=binh+moi`));
  assert.deepEqual(names(body), ['Trần Văn Bính'], 'the search index follows the edit');

  res = await org.post(path, { ...fields, email: 'CO.NGUYEN@example.vn' });
  assert.equal(res.status, 409);
  assert.match(await res.text(), /đã có trong một đăng ký khác/);
  res = await org.post(path, { ...fields, phone: '12345' });
  assert.equal(res.status, 422);
  assert.match(await res.text(), /Số điện thoại không hợp lệ/);
  assert.equal(sql(srv.db, `SELECT email_norm FROM registrations WHERE id = ${id}`), 'binh.moi@example.vn');
});

test('withdraw and reactivate: history kept, counts and list follow', async () => {
  const id = idOf('duc@example.vn');
  const path = `${BASE}/registrations/${id}`;
  const before = sql(srv.db, `SELECT token, created_at FROM registrations WHERE id = ${id}`);
  await org.html(path);
  let res = await org.post(`${path}/status`, { action: 'withdraw' });
  assert.equal(res.status, 303);
  assert.equal(sql(srv.db, `SELECT status FROM registrations WHERE id = ${id}`), 'withdrawn');
  assert.equal(sql(srv.db, `SELECT token, created_at FROM registrations WHERE id = ${id}`), before);
  let { body } = await org.html(`${BASE}/registrations?status=withdrawn`);
  assert.deepEqual(names(body), ['Lê Đức']);
  assert.match(body, /\(đã rút\)/);
  assert.match(text(/id="by-province">[\s\S]*?<\/ul>/.exec(body)[0]), /Nghệ An: 1/);
  ({ body } = await org.html(path));
  assert.match(body, /id="withdrawn"/);
  res = await org.post(`${path}/status`, { action: 'reactivate' });
  assert.equal(res.status, 303);
  assert.equal(sql(srv.db, `SELECT status FROM registrations WHERE id = ${id}`), 'active');
  assert.equal(sql(srv.db, `SELECT action FROM audit_log WHERE object = 'registration:${id}' ORDER BY id`).split('\n').join(','), 'registration.withdraw,registration.reactivate');
  res = await org.post(`${path}/status`, { action: 'delete' });
  assert.equal(res.status, 400);
});

test('roles: a viewer sees and downloads but cannot change; CSRF on every change', async () => {
  const id = idOf('an@example.vn');
  const path = `${BASE}/registrations/${id}`;
  let { res, body } = await viewer.html(path);
  assert.equal(res.status, 200);
  assert.match(body, /<fieldset disabled>/);
  assert.doesNotMatch(body, /Rút khỏi chuỗi tập huấn/);
  assert.equal((await viewer.get(`${BASE}/registrations.csv`)).status, 200);
  res = await viewer.post(path, { full_name: 'X' });
  assert.equal(res.status, 403);
  res = await viewer.post(`${path}/status`, { action: 'withdraw' });
  assert.equal(res.status, 403);
  await org.html(path);
  res = await org.post(`${path}/status`, { action: 'withdraw' }, { csrf: false });
  assert.equal(res.status, 403);
  res = await org.post(path, { csrf: 'forged', full_name: 'X' }, { csrf: false });
  assert.equal(res.status, 403);
  assert.equal(sql(srv.db, `SELECT status || full_name FROM registrations WHERE id = ${id}`), 'activeHoàng An');
  const other = await login(srv, 'other@ocop.vn', account(srv, 'other@ocop.vn', 'viewer', false));
  assert.equal((await other.get(`${BASE}/registrations`)).status, 403);
  assert.equal((await other.get(`${BASE}/registrations.xlsx`)).status, 403);
  const anon = await fetch(`${srv.url}${BASE}/registrations.csv`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.equal((await org.get(`${BASE}/registrations/999999`)).status, 404);
  assert.equal((await org.get(`${BASE}/registrations/abc`)).status, 404);
  assert.equal((await org.get('/admin/series/khong-co/registrations')).status, 404);
});

test('registrations through the API are found at once: indexed in the transaction that commits them', async () => {
  // Sent together, so that the group commit takes several in one batch.
  const people = Array.from({ length: 12 }, (_, i) => person({ full_name: `Tạ Văn Tìmthấy ${i}`, email: `timthay${i}@example.vn` }));
  const answers = await Promise.all(people.map((p) => apiRegister(srv.url, p, SLUG)));
  for (const a of answers) assert.equal(a.res.status, 201);
  let { body } = await viewer.html(`${BASE}/registrations?q=${encodeURIComponent('ta van timthay')}`);
  assert.equal(names(body).length, 12, 'every one of them by name');
  ({ body } = await viewer.html(`${BASE}/registrations?q=timthay7%40example`));
  assert.deepEqual(names(body), ['Tạ Văn Tìmthấy 7']);
  ({ body } = await viewer.html(`${BASE}/registrations?q=timthay11%40example`));
  assert.deepEqual(names(body), ['Tạ Văn Tìmthấy 11']);
  if (PG) return; // the rest is SQLite's FTS5 index (PostgreSQL: a trigram index, no queue)
  assert.equal(sql(srv.db, 'SELECT count(*) FROM registrations_fts_pending'), '0', 'nothing left pending');
  sql(srv.db, "INSERT INTO registrations_fts (registrations_fts) VALUES ('integrity-check')");
});
