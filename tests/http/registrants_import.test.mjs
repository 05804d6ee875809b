// Console: importing registrations from CSV (upload, progress, report),
// the same file twice, bad files, the command line, roles and CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, ocop } from '../lib/server.mjs';
import { sql, webRegister, person } from '../lib/ocop.mjs';
import { account, login, importFile, dump, BASE, SLUG } from '../lib/regs.mjs';

let srv, org, viewer;
before(async () => {
  srv = await startServer();
  org = await login(srv, 'org@ocop.vn', account(srv, 'org@ocop.vn', 'organizer'));
  viewer = await login(srv, 'viewer@ocop.vn', account(srv, 'viewer@ocop.vn', 'viewer'));
});
after(async () => { await srv.stop(); });

const BOM = '\uFEFF';
const HEAD = '"Dấu thời gian";"Họ và tên";"Địa chỉ email";"Số điện thoại";"Tỉnh/Thành phố";"Đối tượng";"Đơn vị công tác";"Chức vụ";"Tôi đồng ý"\r\n';
// Row numbers as a spreadsheet shows them: the header is row 1.
const GOOGLE = BOM + HEAD + [
  /* 2 */ '"28/09/2021 8:05:13";"Nguyễn Thị Cơ";"co.nguyen@example.vn";"0912 345 678";"Hà Nội";"Doanh nghiệp";"HTX ""Sen Vàng""\nchi nhánh Hà Đông";"Giám đốc";"Có"',
  /* 3 */ '"28/09/2021 8:06:00";"Trần Văn Bình";"binh.tran@example.vn";"+84 987 654 321";"Hà Giang";"Hợp tác xã";"";"";""',
  /* 4 */ '"28/09/2021 8:07:00";"Lê Sai";"khong-phai-email";"123";"Hà Tây";"Khác";"";"";""',
  /* 5 */ '"28/09/2021 8:08:00";"Phạm Thu Hà";"ha.pham@example.vn";"0903.111.222";"TP. Hồ Chí Minh";"Hộ sản xuất, kinh doanh";"Hộ kinh doanh Thu Hà";"";"Có"',
  /* 6 */ '"28/09/2021 8:09:00";"Nguyễn Thị Cơ";"CO.NGUYEN@example.vn";"0912345678";"Thành phố Hà Nội";"Doanh nghiệp";"";"Kế toán";""',
  /* 7 */ '"28/09/2021 8:10:00";"Võ Minh Đức";"duc.vo@example.vn";"0977 000 111";"Tỉnh Nghệ An";"Cán bộ quản lý cấp tỉnh";"Sở Nông nghiệp";"Chuyên viên";""',
  /* 8 */ '"28/09/2021 8:11:00";"Đỗ Văn Xấu";"xau@example.vn";"0977 000 222";"Nghệ An";"Người nổi tiếng";"";"";""',
  /* 9 */ '',
  /* 10 */ '"28/09/2021 8:12:00";"Hồ Thị Dung";"hong.existing@example.vn";"0911 222 333";"01";"enterprise";"HTX Mới";"Thủ quỹ";""',
].join('\r\n') + '\r\n';

test('a Google Forms export: BOM, semicolons, quoted newlines, duplicates, bad rows', async () => {
  // Someone registered on the web form already, without an organisation.
  const p = person({ email: 'hong.existing@example.vn', organization: '', position: '' });
  const reg = await webRegister(srv.url, p);
  assert.ok(reg.token);
  const r = await importFile(org, GOOGLE, 'Đăng ký (Câu trả lời).csv');
  assert.equal(r.state, 'done', r.html);
  assert.equal(r.total, 8);
  assert.equal(r.imported, 4); // rows 2, 3, 5, 7
  assert.equal(r.merged, 2); // row 6 (same e-mail as row 2), row 10 (the web registration)
  assert.equal(r.rejected, 2); // rows 4 and 8
  assert.equal(r.filled, 1); // row 10 filled the empty organisation and position
  assert.deepEqual(r.rejects.map((x) => x.row), [4, 8]);
  assert.match(r.rejects[0].reason, /Địa chỉ email: .*không hợp lệ/);
  assert.match(r.rejects[0].reason, /Số điện thoại: /);
  assert.match(r.rejects[0].reason, /Tỉnh\/Thành phố: .*\('Hà Tây'\)/);
  assert.match(r.rejects[1].reason, /Đối tượng: /);
  assert.ok(r.notes.some((n) => n.startsWith('Hà Giang → Tuyên Quang')), r.notes.join('\n'));

  const row = (email) => sql(srv.db, `SELECT full_name, phone, province_code, category, organization, position, consent, source FROM registrations WHERE email_norm = '${email}'`);
  assert.equal(row('co.nguyen@example.vn'), 'Nguyễn Thị Cơ|+84912345678|01|enterprise|HTX "Sen Vàng" chi nhánh Hà Đông|Giám đốc|1|import');
  assert.equal(row('binh.tran@example.vn'), 'Trần Văn Bình|+84987654321|08|cooperative|||0|import');
  assert.equal(row('ha.pham@example.vn'), 'Phạm Thu Hà|+84903111222|79|household|Hộ kinh doanh Thu Hà||1|import');
  assert.equal(row('duc.vo@example.vn'), 'Võ Minh Đức|+84977000111|40|province_official|Sở Nông nghiệp|Chuyên viên|0|import');
  // The merge kept the web registration (name, phone, token) and filled the blanks.
  assert.equal(row('hong.existing@example.vn'), `Nguyễn Thị Hồng|${'+84' + p.phone.slice(1)}|79|enterprise|HTX Mới|Thủ quỹ|0|web`);
  assert.equal(sql(srv.db, `SELECT token FROM registrations WHERE email_norm = 'hong.existing@example.vn'`), reg.token);
  // The job and the audit entry.
  assert.equal(sql(srv.db, `SELECT state, total, done, imported, merged, rejected FROM import_jobs ORDER BY id DESC LIMIT 1`), 'done|8|8|4|2|2');
  assert.match(sql(srv.db, `SELECT actor || ' ' || action FROM audit_log ORDER BY id DESC LIMIT 1`), /^org@ocop\.vn registrations\.import$/);
});

test('importing the same file twice changes nothing', async () => {
  const before = dump(srv.db);
  const r = await importFile(org, GOOGLE);
  assert.equal(r.state, 'done');
  assert.equal(r.imported, 0);
  assert.equal(r.merged, 6);
  assert.equal(r.rejected, 2);
  assert.equal(r.filled, 0);
  assert.equal(dump(srv.db), before);
});

test('commas, LF, no BOM, codes, and the CLI prints the same report', async () => {
  const csv = 'full_name,email,phone,province_code,category,organization,position\n' +
    'Bùi Văn An,an.bui@example.vn,0988111222,96,cooperative_group,"Tổ hợp tác, Cà Mau",\n' +
    'Bùi Văn An,an.bui@example.vn,0988111222,96,cooperative_group,,Tổ trưởng\n' +
    'Không Tên,,0988111333,96,other,,\n';
  const file = join(srv.dir, 'codes.csv');
  writeFileSync(file, csv);
  let out, code = 0;
  try { out = ocop(['import', 'registrations', file, '--series', SLUG, '--db', srv.db]); } catch (e) { out = e.stdout; code = e.status; }
  assert.equal(code, 1, 'exit status 1: a row was rejected');
  assert.match(out, /rows: 3, imported: 1, merged: 1 \(1 filled in\), rejected: 1/);
  assert.match(out, /row 4: Địa chỉ email: Xin điền mục này\./);
  assert.equal(sql(srv.db, `SELECT organization || '|' || position FROM registrations WHERE email_norm = 'an.bui@example.vn'`), 'Tổ hợp tác, Cà Mau|Tổ trưởng');
  let again;
  try { again = ocop(['import', 'registrations', file, '--series', SLUG, '--db', srv.db, '--json']); } catch (e) { again = e.stdout; }
  const rep = JSON.parse(again);
  assert.deepEqual([rep.imported, rep.merged, rep.rejected, rep.filled], [0, 2, 1, 0]);
  assert.deepEqual(rep.rejects.map((x) => x.row), [4]);
});

test('a file that is not UTF-8 is refused whole, with the reason in Vietnamese', async () => {
  const before = dump(srv.db);
  const jobs = sql(srv.db, 'SELECT COUNT(*) FROM import_jobs');
  // "Họ và tên" in Windows-1258 / Latin-1 bytes.
  const latin1 = Buffer.from('full_name,email,phone,province_code,category\nNguy\xean Th\xe0nh,a@b.vn,0912000111,01,other\n', 'latin1');
  const r = await importFile(org, latin1);
  assert.equal(r.status, 422);
  assert.match(r.html, /Tệp không phải mã UTF-8 \(lỗi ở dòng 2\)/);
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Họ và tên,email\n', 'utf16le')]);
  assert.match((await importFile(org, utf16)).html, /không phải mã UTF-8/);
  assert.equal(dump(srv.db), before);
  assert.equal(sql(srv.db, 'SELECT COUNT(*) FROM import_jobs'), jobs);
});

test('missing columns, an unclosed quote, an empty file, no file: refused, nothing written', async () => {
  const before = dump(srv.db);
  let r = await importFile(org, 'Họ và tên,Địa chỉ email\nA,a@example.vn\n');
  assert.equal(r.status, 422);
  assert.match(r.html, /Tệp thiếu cột: Số điện thoại, Tỉnh\/Thành phố, Đối tượng\./);
  r = await importFile(org, HEAD + '"x";"Nguyễn A";"a@example.vn";"0912000999";"Hà Nội";"Khác";"HTX Sen Vàng;;\ny;B;b@example.vn;0912000998;Hà Nội;Khác;;;\n');
  assert.equal(r.status, 422);
  assert.match(r.html, /Dòng 2: dấu ngoặc kép \(&quot;\) mở mà không đóng/);
  r = await importFile(org, '');
  assert.equal(r.status, 422);
  await org.html(`${BASE}/registrations/import`);
  const res = await org.upload(`${BASE}/registrations/import`, '', '');
  assert.equal(res.status, 422);
  assert.equal(dump(srv.db), before);
});

test('30,000 rows: progress while it runs, every row in', async () => {
  const rows = [];
  for (let i = 0; i < 30000; i++) {
    rows.push(`"t";"Nguyễn Văn Số ${i}";"so${i}@lon.example.vn";"09${String(10000000 + i * 7).slice(-8)}";"Cần Thơ";"Hộ sản xuất, kinh doanh";"";"";""`);
  }
  const r = await importFile(org, BOM + HEAD + rows.join('\r\n'));
  assert.equal(r.state, 'done', r.html);
  assert.equal(r.imported, 30000);
  assert.equal(r.rejected, 0);
  assert.equal(Number(sql(srv.db, "SELECT COUNT(*) FROM registrations WHERE email_norm LIKE '%@lon.example.vn'")), 30000);
  // The job row moved in batches of 1,000 (each in its own transaction).
  assert.ok(r.pages.length >= 1);
  for (const p of r.pages.filter((x) => x.state === 'running')) assert.ok(p.total === 30000);
});

test('more rows than the limit: refused whole with the reason', async () => {
  const line = '"t";"A";"a@x.vn";"0912000111";"Hà Nội";"Khác";"";"";""\n';
  const r = await importFile(org, HEAD + line.repeat(200001));
  assert.equal(r.status, 422);
  assert.match(r.html, /Tệp có 200001 dòng, nhiều hơn giới hạn 200000 dòng mỗi lần nhập/);
});

test('roles and CSRF: a viewer may not import; a form without its token is refused', async () => {
  let res = await viewer.get(`${BASE}/registrations/import`);
  assert.equal(res.status, 403);
  await org.html(`${BASE}/registrations/import`);
  res = await viewer.upload(`${BASE}/registrations/import`, GOOGLE, 'x.csv', { csrf: false });
  assert.equal(res.status, 403);
  viewer.csrf = org.csrf;
  res = await viewer.upload(`${BASE}/registrations/import`, GOOGLE, 'x.csv');
  assert.equal(res.status, 403);
  res = await org.upload(`${BASE}/registrations/import`, GOOGLE, 'x.csv', { csrf: false });
  assert.equal(res.status, 403);
  const anon = await fetch(`${srv.url}${BASE}/registrations/import`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  const other = await login(srv, 'other@ocop.vn', account(srv, 'other@ocop.vn', 'organizer', false));
  res = await other.get(`${BASE}/registrations/import`);
  assert.equal(res.status, 403, 'an organizer of other series');
});
