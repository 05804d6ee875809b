// Certificates: rules and what is missing, hand decisions (console and
// CLI, audited), issuing in the background (official order, re-issue adds
// nothing), the participant's PDF (same bytes as at issue, text and QR
// read back), verification (code, look-alikes, serial + name, PDF check,
// JSON), revoking, the ZIP and the CSV register.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, BIN } from '../lib/server.mjs';
import { person, apiRegister, sql } from '../lib/ocop.mjs';
import { addAccount, login } from '../lib/admin.mjs';
import { attend, passFinal, waitJob, consolePost, shown } from '../lib/certs.mjs';

const BASE = '/admin/series/ocop-2021/certificates';
const LONG = 'Tôn Nữ Thị Hoàng Quỳnh Như';
const TITLE = 'Chuỗi tập huấn Chương trình Mỗi xã một sản phẩm (OCOP) năm 2021';
let srv, admin, p = {};
const sha = (b) => createHash('sha256').update(b).digest('hex');
const cli = (...args) => spawnSync(BIN, ['certificates', ...args, '--db', srv.db], { encoding: 'utf8' });
const cert = (reg) => sql(srv.db, `select serial || '|' || code || '|' || status from certificates where registration_id = ${reg}`);

before(async () => {
  srv = await startServer();
  const reg = async (full_name, email) => (await apiRegister(srv.url, person({ full_name, email }))).json.registration;
  p.an = await reg('Nguyễn Văn An', 'an@example.vn');            // 2 sessions + final passed
  p.ngoc = await reg('Trần Thị Bích Ngọc', 'ngoc@example.vn');   // 1 session + final passed
  p.chau = await reg('Lê Minh Châu', 'chau@example.vn');         // 2 sessions, no final
  p.dung = await reg('Phạm Đức Dũng', 'dung@example.vn');        // nothing: granted by hand
  p.em = await reg('Hoàng Văn Em', 'em@example.vn');             // qualifies, refused by hand
  p.nhu = await reg(LONG, 'nhu@example.vn');                     // 2 sessions + final (long name)
  p.ba = await reg('Đỗ Thị Ba', 'ba@example.vn');                // final failed
  for (const k of ['an', 'chau', 'em', 'nhu', 'ba']) attend(srv.db, p[k].id, 2);
  attend(srv.db, p.ngoc.id, 1);
  for (const k of ['an', 'ngoc', 'em', 'nhu']) passFinal(srv.db, p[k].id, true);
  passFinal(srv.db, p.ba.id, false);
  const pw = addAccount(srv, `admin.${process.pid}@example.vn`, 'admin');
  admin = await login(srv.url, `admin.${process.pid}@example.vn`, pw);
});
after(async () => { await srv.stop(); });

test('the organiser sets the rules; the console says what each participant is missing', async () => {
  const res = await consolePost(srv, admin, `${BASE}/rules`, { sessions_min: '2', evals_min: '0', evals_how: 'submitted', final_need: '2', final_mark: '0' });
  assert.equal(res.status, 303);
  const bad = await consolePost(srv, admin, `${BASE}/rules`, { sessions_min: '-3', final_need: '7' });
  assert.equal(bad.status, 422);
  const html = await (await fetch(`${srv.url}${BASE}`, { headers: { Cookie: admin.cookie } })).text();
  const row = (name) => {
    const m = new RegExp(`<tr>\\s*<td>${name}<br>[\\s\\S]*?</tr>`).exec(html);
    assert.ok(m, `a row for ${name}`);
    return m[0];
  };
  assert.match(row('Trần Thị Bích Ngọc'), /có mặt 1\/8 buổi, cần 2/);
  assert.match(row('Lê Minh Châu'), /chưa nộp bài kiểm tra cuối khóa/);
  assert.match(row('Đỗ Thị Ba'), /bài kiểm tra cuối khóa chưa đạt/);
  assert.match(row('Phạm Đức Dũng'), /chưa nộp bài kiểm tra cuối khóa; có mặt 0\/8 buổi, cần 2/);
  assert.match(row('Nguyễn Văn An'), /đủ điều kiện/);
  // Official order: by given name (An, Ba, Châu, Dũng, Em, Ngọc, Như), đ after d.
  const order = ['Nguyễn Văn An', 'Đỗ Thị Ba', 'Lê Minh Châu', 'Phạm Đức Dũng', 'Hoàng Văn Em', 'Trần Thị Bích Ngọc', LONG];
  const at = order.map((n) => html.indexOf(`<td>${n}<br>`));
  assert.deepEqual([...at].sort((a, b) => a - b), at);
  assert.match(html, /Đủ điều kiện, chưa cấp: <strong class="due">3<\/strong>/);
});

test('an admin grants or refuses by hand with a reason (console and CLI), audited', async () => {
  const r1 = cli('grant', '--series', 'ocop-2021', '--email', 'dung@example.vn', '--reason', 'Học trực tiếp tại hội trường');
  assert.equal(r1.status, 0, r1.stderr);
  assert.equal(cli('grant', '--series', 'ocop-2021', '--email', 'nobody@example.vn', '--reason', 'x').status, 2);
  assert.equal(cli('grant', '--series', 'ocop-2021', '--email', 'dung@example.vn').status, 2);
  const noReason = await consolePost(srv, admin, `${BASE}/decision`, { registration: String(p.em.id), decision: 'refuse', reason: '' });
  assert.equal(noReason.status, 422);
  const res = await consolePost(srv, admin, `${BASE}/decision`, { registration: String(p.em.id), decision: 'refuse', reason: 'Đăng ký trùng với hồ sơ khác' });
  assert.equal(res.status, 303);
  // An organiser (not admin) may not decide.
  const opw = addAccount(srv, `org.${process.pid}@example.vn`, 'organizer', 'ocop-2021');
  const org = await login(srv.url, `org.${process.pid}@example.vn`, opw);
  assert.equal((await consolePost(srv, org, `${BASE}/decision`, { registration: String(p.ngoc.id), decision: 'grant', reason: 'x' })).status, 403);
  const audit = sql(srv.db, "select actor || ':' || action || ':' || after_json from audit_log where action = 'certificates.override' order by id");
  assert.match(audit, /^cli:certificates.override:.*"grant".*hội trường/m);
  assert.match(audit, /admin\..*:certificates.override:.*"refuse".*trùng/m);
  const html = await (await fetch(`${srv.url}${BASE}`, { headers: { Cookie: admin.cookie } })).text();
  assert.match(html, /Ban tổ chức từ chối: Đăng ký trùng với hồ sơ khác/);
});

test('issuing runs in the background, in official order; issuing again adds nothing', async () => {
  const res = await consolePost(srv, admin, `${BASE}/issue`, {});
  assert.equal(res.status, 303);
  assert.equal(await waitJob(srv.db), 'done');
  // An, Dũng, Như: by given name.
  assert.equal(cert(p.an.id).split('|')[0], 'OCOP-2021-000001');
  assert.equal(cert(p.dung.id).split('|')[0], 'OCOP-2021-000002');
  assert.equal(cert(p.nhu.id).split('|')[0], 'OCOP-2021-000003');
  for (const k of ['ngoc', 'chau', 'em', 'ba']) assert.equal(cert(p[k].id), '', `${k} has none`);
  assert.equal(sql(srv.db, 'select issued_at from certificates limit 1'), String(Math.floor(Date.UTC(2021, 9, 15, 2) / 1000)));
  // Again, from the console and the CLI: nothing new, nothing doubled.
  await consolePost(srv, admin, `${BASE}/issue`, {});
  assert.equal(await waitJob(srv.db), 'done');
  const again = cli('issue', '--series', 'ocop-2021');
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /0 certificates issued/);
  assert.equal(sql(srv.db, 'select count(*) || ' + "'/'" + ' || max(serial_no) from certificates'), '3/3');
  // Ngọc attends a second session: the next issue numbers her 4.
  attend(srv.db, p.ngoc.id, 2);
  const r = cli('issue', '--series', 'ocop-2021');
  assert.match(r.stdout, /1 certificate issued/);
  assert.equal(cert(p.ngoc.id).split('|')[0], 'OCOP-2021-000004');
  const html = await (await fetch(`${srv.url}${BASE}?show=issued`, { headers: { Cookie: admin.cookie } })).text();
  assert.match(html, /Đã cấp: <strong class="issued">4<\/strong>/);
});

test('the participant downloads the same bytes as were hashed at issue; text and QR read back', async () => {
  const [serial, code] = cert(p.nhu.id).split('|');
  const me = await (await fetch(`${srv.url}/me/${p.nhu.token}`)).text();
  assert.match(me, new RegExp(`/me/${p.nhu.token}/certificate.pdf`));
  const res = await fetch(`${srv.url}/me/${p.nhu.token}/certificate.pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(sha(pdf), sql(srv.db, `select sha256 from certificates where serial = '${serial}'`));
  assert.ok(pdf.length < 150 * 1024, `PDF under 150 KB (${pdf.length})`);
  const etag = res.headers.get('etag');
  assert.equal((await fetch(`${srv.url}/me/${p.nhu.token}/certificate.pdf`, { headers: { 'If-None-Match': etag } })).status, 304);
  assert.equal((await fetch(`${srv.url}/me/${p.chau.token}/certificate.pdf`)).status, 404);

  const dir = join(srv.dir, 'pdf');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'c.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
  for (const want of [LONG, serial, 'GIẤY CHỨNG NHẬN', TITLE, 'ngày 15 tháng 10 năm 2021', 'TP. Hồ Chí Minh']) {
    assert.ok(text.includes(want.normalize('NFC')), `the PDF says '${want}'`);
  }
  execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', join(dir, 'c.pdf'), join(dir, 'page')]);
  const qr = execFileSync('zbarimg', ['--raw', '-q', join(dir, 'page.png')], { encoding: 'utf8' }).trim();
  assert.equal(qr, `${srv.url}/verify/${shown(code)}`);
});

test('anyone verifies by code (any case, look-alikes, dashes), or by serial and name', async () => {
  const [serial, code] = cert(p.an.id).split('|');
  const page = await fetch(`${srv.url}/verify/${shown(code)}`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Giấy chứng nhận hợp lệ/);
  assert.match(html, /Nguyễn Văn An/);
  assert.match(html, new RegExp(serial));
  assert.match(html, /Văn phòng Điều phối Nông thôn mới Trung ương/);
  assert.match(html, /15\/10\/2021/);
  const typed = shown(code).toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ');
  const viaForm = await fetch(`${srv.url}/verify?code=${encodeURIComponent(typed)}`, { redirect: 'manual' });
  assert.equal(viaForm.status, 303);
  assert.equal(viaForm.headers.get('location'), `/verify/${shown(code)}`);
  const api = await (await fetch(`${srv.url}/api/v1/certificates/${code.toLowerCase()}`)).json();
  assert.equal(api.status, 'valid');
  assert.equal(api.full_name, 'Nguyễn Văn An');
  assert.equal(api.serial, serial);
  assert.equal(api.series.slug, 'ocop-2021');
  assert.equal(api.sha256, sql(srv.db, `select sha256 from certificates where serial = '${serial}'`));
  // Serial and name: any case, decomposed, extra spaces; the code is not shown.
  const by = await fetch(`${srv.url}/verify?serial=${serial.toLowerCase()}&name=${encodeURIComponent('  nguyễn văn  AN'.normalize('NFD'))}`);
  assert.equal(by.status, 200);
  const byHtml = await by.text();
  assert.match(byHtml, /Giấy chứng nhận hợp lệ/);
  assert.ok(!byHtml.includes(shown(code)), 'the code stays secret');
  const wrong = await fetch(`${srv.url}/verify?serial=${serial}&name=Nguyễn+Văn+Anh`);
  assert.equal(wrong.status, 404);
  // Not found says nothing about other certificates.
  const nf = await fetch(`${srv.url}/verify/${'0'.repeat(20)}`);
  assert.equal(nf.status, 404);
  const nfText = await nf.text();
  for (const s of sql(srv.db, 'select serial from certificates').split('\n')) assert.ok(!nfText.includes(s), 'no serial leaks');
  assert.equal((await fetch(`${srv.url}/api/v1/certificates/not-a-code`)).status, 404);
});

test('the holder of a PDF checks that its hash matches', async () => {
  const [, code] = cert(p.an.id).split('|');
  const page = await fetch(`${srv.url}/verify/${code}`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())[1];
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const good = Buffer.from(await (await fetch(`${srv.url}/me/${p.an.token}/certificate.pdf`)).arrayBuffer());
  const check = async (buf) => {
    const fd = new FormData();
    fd.set('csrf', csrf);
    fd.set('pdf', new Blob([buf], { type: 'application/pdf' }), 'c.pdf');
    const res = await fetch(`${srv.url}/verify/${code}`, { method: 'POST', body: fd, headers: { Cookie: cookie } });
    assert.equal(res.status, 200);
    return res.text();
  };
  assert.match(await check(good), /đúng là bản gốc/);
  const forged = Buffer.from(good);
  forged[forged.length - 40] ^= 1;
  assert.match(await check(forged), /KHÔNG khớp/);
});

test('revoking keeps the serial, records why, and verification says so', async () => {
  const [serial, code] = cert(p.dung.id).split('|');
  const noReason = await consolePost(srv, admin, `${BASE}/revoke`, { serial, reason: '' });
  assert.equal(noReason.status, 422);
  const res = await consolePost(srv, admin, `${BASE}/revoke`, { serial, reason: 'Cấp nhầm: chưa đủ điều kiện' });
  assert.equal(res.status, 303);
  assert.equal(cert(p.dung.id), `${serial}|${code}|revoked`);
  const html = await (await fetch(`${srv.url}/verify/${code}`)).text();
  assert.match(html, /đã bị thu hồi/);
  assert.match(html, /Cấp nhầm: chưa đủ điều kiện/);
  const api = await (await fetch(`${srv.url}/api/v1/certificates/${code}`)).json();
  assert.equal(api.status, 'revoked');
  assert.equal(api.revoke_reason, 'Cấp nhầm: chưa đủ điều kiện');
  assert.equal((await fetch(`${srv.url}/me/${p.dung.token}/certificate.pdf`)).status, 410);
  // Again: refused.  By the CLI: the same rule.
  assert.equal((await consolePost(srv, admin, `${BASE}/revoke`, { serial, reason: 'x' })).status, 409);
  const r = cli('revoke', serial, '--reason', 'x');
  assert.equal(r.status, 2);
  // Issuing again does not give Dũng a new one: the serial stays his.
  cli('issue', '--series', 'ocop-2021');
  assert.equal(sql(srv.db, `select count(*) from certificates where registration_id = ${p.dung.id}`), '1');
  assert.match(sql(srv.db, "select after_json from audit_log where action = 'certificates.revoke'"), /chưa đủ điều kiện/);
});

test('the register as CSV (CLI and console) and every valid PDF as one ZIP', async () => {
  const r = cli('list', '--series', 'ocop-2021', '--format', 'csv');
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\r\n');
  assert.equal(lines[0], 'serial,code,full_name,email,issued_at,status');
  assert.equal(lines.length, 5);
  const [serial, code] = cert(p.an.id).split('|');
  assert.equal(lines[1], `${serial},${shown(code)},"Nguyễn Văn An","an@example.vn",2021-10-15T09:00:00+07:00,valid`);
  assert.match(lines[2], /,revoked$/);
  const csv = await fetch(`${srv.url}${BASE.replace(/certificates$/, 'certificates.csv')}`, { headers: { Cookie: admin.cookie } });
  assert.equal(csv.status, 200);
  assert.equal((await csv.text()).replace(/^\ufeff/, '').trim(), r.stdout.trim());

  const zip = await fetch(`${srv.url}/admin/series/ocop-2021/certificates.zip`, { headers: { Cookie: admin.cookie } });
  assert.equal(zip.status, 200);
  assert.equal(zip.headers.get('content-type'), 'application/zip');
  const file = join(srv.dir, 'all.zip');
  writeFileSync(file, Buffer.from(await zip.arrayBuffer()));
  execFileSync('unzip', ['-tq', file]);
  const out = join(srv.dir, 'unzipped');
  execFileSync('unzip', ['-q', file, '-d', out]);
  const names = readdirSync(out).sort();
  assert.equal(names.length, 3, 'the revoked one is left out');
  assert.ok(names.includes(`${serial} - Nguyễn Văn An.pdf`), names.join(', '));
  for (const n of names) {
    const s = n.split(' - ')[0];
    assert.equal(sha(readFileSync(join(out, n))), sql(srv.db, `select sha256 from certificates where serial = '${s}'`));
  }
  assert.equal((await fetch(`${srv.url}/admin/series/ocop-2021/certificates.zip`, { redirect: 'manual' })).status, 303, 'login asked');
});
