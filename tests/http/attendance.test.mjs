// Attendance: Zoom report import (matching, merged intervals, re-import,
// corrected file), hand assignment remembered, check-in codes, exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { startServer, BIN, formSession } from '../lib/server.mjs';
import { person, apiRegister, sql } from '../lib/ocop.mjs';
import { addAccount, login } from '../lib/admin.mjs';

let srv, session, start, a, b, c;

// Zoom's older participants report, times in Vietnam time as Zoom writes them.
function zoomTime(t) {
  const d = new Date((t + 7 * 3600) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  let h = d.getUTCHours();
  const ampm = h >= 12 ? 'PM' : 'AM';
  h = h % 12 || 12;
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${ampm}`;
}
function report(rows, { topic = 'OCOP buổi 1', id = '920 2109 2800' } = {}) {
  const lines = [
    'Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants',
    `${id},${topic},${zoomTime(start)},${zoomTime(start + 12600)},host@ocop.vn,210,${rows.length}`,
    '',
    'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
  ];
  for (const [name, email, from, to] of rows) {
    lines.push(`"${name}",${email},${zoomTime(start + from * 60)},${zoomTime(start + to * 60)},${to - from},No`);
  }
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}
function importZoom(content, ...extra) {
  const f = join(srv.dir, `zoom-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(f, content);
  return spawnSync(BIN, ['import', 'zoom', f, '--session', String(session), '--db', srv.db, ...extra], { encoding: 'utf8' });
}
const seconds = (reg) => Number(sql(srv.db, `select coalesce(sum(za.seconds), 0) from zoom_attendance za join attendance_imports ai on ai.id = za.import_id where ai.session_id = ${session} and za.registration_id = ${reg}`));

before(async () => {
  srv = await startServer({ live: true });
  const series = sql(srv.db, "select id from series where slug = 'ocop-live'");
  session = Number(sql(srv.db, `select id from sessions where series_id = ${series} and position = 1`));
  start = Number(sql(srv.db, `select starts_at from sessions where id = ${session}`));
  a = (await apiRegister(srv.url, person({ full_name: 'Nguyễn Văn An', email: 'an@example.vn' }), 'ocop-live')).json.registration;
  b = (await apiRegister(srv.url, person({ full_name: 'Trần Thị Bích Ngọc', email: 'ngoc@example.vn' }), 'ocop-live')).json.registration;
  c = (await apiRegister(srv.url, person({ full_name: 'Lê Minh Châu', email: 'chau@example.vn' }), 'ocop-live')).json.registration;
});
after(async () => { await srv.stop(); });

const rows = [
  ['Nguyễn Văn An', 'AN@Example.vn ', 0, 100],          // by e-mail, any case
  ['An (iPhone)', 'an@example.vn', 60, 150],            // second device: overlap counted once
  ['tran thi bich ngoc'.normalize('NFD'), '', 10, 200], // by folded name, decomposed
  ['Khách lạ', '', 0, 30],                              // nobody
];

test('a Zoom report is matched by e-mail, then by folded name; overlaps count once', () => {
  const r = importZoom(report(rows));
  assert.equal(r.status, 0, r.stderr);
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.people, 3);
  assert.equal(rep.matched, 2);
  assert.equal(rep.unmatched, 1);
  assert.equal(seconds(a.id), 150 * 60); // [0,100] ∪ [60,150]
  assert.equal(seconds(b.id), 190 * 60);
  assert.equal(seconds(c.id), 0);
});

test('importing the same file again changes nothing; a corrected one replaces it', () => {
  const again = JSON.parse(importZoom(report(rows)).stdout);
  assert.equal(again.unchanged, true);
  assert.equal(sql(srv.db, `select count(*) from attendance_imports where session_id = ${session}`), '1');
  const fixed = [...rows];
  fixed[2] = ['Trần Thị Bích Ngọc', '', 10, 120];
  const rep = JSON.parse(importZoom(report(fixed)).stdout);
  assert.equal(rep.replaced, true);
  assert.equal(sql(srv.db, `select count(*) from attendance_imports where session_id = ${session}`), '1');
  assert.equal(seconds(b.id), 110 * 60);
  assert.equal(seconds(a.id), 150 * 60);
});

test('a file that is not a Zoom report says which columns are missing', () => {
  const r = importZoom('Họ và tên,Email\nA,a@b.vn\n');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /thiếu cột|không phải/);
  const other = importZoom(report(rows).replace(/^.*$/m, (l) => l), '--session');
  assert.equal(other.status, 2);
});

test('a report of another day asks for confirmation', () => {
  const saved = start;
  start -= 3 * 86400;
  const content = report([['Nguyễn Văn An', 'an@example.vn', 0, 100]], { id: '111 222 333' });
  start = saved;
  const r = importZoom(content);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--yes/);
  assert.equal(importZoom(content, '--yes').status, 0);
});

test('the organiser assigns an unmatched person; the assignment is remembered', async () => {
  const pw = addAccount(srv, `org.${process.pid}@example.vn`, 'organizer', 'ocop-live');
  const s = await login(srv.url, `org.${process.pid}@example.vn`, pw);
  const page = await fetch(`${srv.url}/admin/series/ocop-live/sessions/${session}/attendance`, { headers: { Cookie: s.cookie } });
  const html = await page.text();
  assert.equal(page.status, 200);
  assert.match(html, /Khách lạ/);
  const unmatched = sql(srv.db, "select id from zoom_unmatched where name = 'Khách lạ' and assigned_to is null");
  const res = await fetch(`${srv.url}/admin/series/ocop-live/sessions/${session}/attendance/assign`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie },
    body: new URLSearchParams({ csrf: s.csrf, unmatched, registration: String(c.id) }).toString(),
  });
  assert.equal(res.status, 303);
  assert.equal(seconds(c.id), 30 * 60);
  assert.equal(sql(srv.db, `select registration_id from zoom_aliases where key = 'n:khach la'`), String(c.id));
  assert.match(sql(srv.db, "select action from audit_log where action = 'attendance.assign'"), /assign/);
  // a viewer may look but not assign
  const vpw = addAccount(srv, `view.${process.pid}@example.vn`, 'viewer', 'ocop-live');
  const v = await login(srv.url, `view.${process.pid}@example.vn`, vpw);
  const denied = await fetch(`${srv.url}/admin/series/ocop-live/sessions/${session}/attendance/assign`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: v.cookie },
    body: new URLSearchParams({ csrf: v.csrf, unmatched, registration: String(c.id) }).toString(),
  });
  assert.equal(denied.status, 403);
});

test('check-in codes: opened by the organiser, entered by participants while open', async () => {
  const pw = addAccount(srv, `chk.${process.pid}@example.vn`, 'organizer', 'ocop-live');
  const s = await login(srv.url, `chk.${process.pid}@example.vn`, pw);
  const open = await fetch(`${srv.url}/admin/series/ocop-live/sessions/${session}/checkins`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie },
    body: new URLSearchParams({ csrf: s.csrf, minutes: '5' }).toString(),
  });
  assert.equal(open.status, 303);
  const code = sql(srv.db, `select code from checkins where session_id = ${session} order by id desc limit 1`);
  assert.match(code, /^[A-Z2-9]{6}$/);
  const me = await formSession(`${srv.url}/me/${a.token}`);
  const enter = (value) => fetch(`${srv.url}/me/${a.token}/checkin`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: me.cookie },
    body: new URLSearchParams({ csrf: me.csrf, code: value }).toString(),
  });
  const typed = code.toLowerCase().slice(0, 3) + ' ' + code.slice(3);
  const r1 = await enter(typed);
  assert.equal(r1.status, 303);
  assert.match(r1.headers.get('location'), /checkin=1/);
  const r2 = await enter(code);
  assert.match(r2.headers.get('location'), /checkin=2/);
  const wrong = await enter('ZZZZZZ');
  assert.equal(wrong.status, 422);
  assert.match(await wrong.text(), /không đúng/);
  sql(srv.db, `update checkins set opens_at = opens_at - 600, closes_at = opens_at - 300 where code = '${code}'`);
  const late = await fetch(`${srv.url}/me/${b.token}/checkin`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: me.cookie },
    body: new URLSearchParams({ csrf: me.csrf, code }).toString(),
  });
  assert.equal(late.status, 422);
  assert.match(await late.text(), /hết hạn/);
  assert.equal(sql(srv.db, `select count(*) from checkin_entries`), '1');
});

test('exports: one row per participant and session, the same answer as the matrix', async () => {
  const r = spawnSync(BIN, ['export', 'attendance', '--series', 'ocop-live', '--format', 'csv', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.replace(/^\ufeff/, '').trim().split('\r\n');
  const regs = Number(sql(srv.db, "select count(*) from registrations r join series s on s.id = r.series_id where s.slug = 'ocop-live'"));
  assert.equal(lines.length, 1 + regs * 8);
  const an = lines.find((l) => l.startsWith('"an@example.vn"') && l.includes(',1,'));
  assert.match(an, /,150,/);
  assert.match(an, /,có$/);
  const x = spawnSync(BIN, ['export', 'attendance', '--series', 'ocop-live', '--format', 'xlsx', '--db', srv.db]);
  assert.equal(x.status, 0);
  assert.equal(x.stdout.subarray(0, 2).toString(), 'PK');
  const bad = spawnSync(BIN, ['export', 'attendance', '--series', 'ocop-live', '--format', 'pdf', '--db', srv.db]);
  assert.equal(bad.status, 2);
});

test('the QR code on the stream: the phone that opened its personal page checks in with one tap', async () => {
  const pw = addAccount(srv, `qr.${process.pid}@example.vn`, 'organizer', 'ocop-live');
  const s = await login(srv.url, `qr.${process.pid}@example.vn`, pw);
  const open = await fetch(`${srv.url}/admin/series/ocop-live/sessions/${session}/checkins`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: s.cookie },
    body: new URLSearchParams({ csrf: s.csrf, minutes: '5' }).toString(),
  });
  assert.equal(open.status, 303);
  const [cid, code] = sql(srv.db, `select id, code from checkins where session_id = ${session} order by id desc limit 1`).split('|');
  // the QR image for the stream decodes to /c/{code}
  const png = await fetch(`${srv.url}/admin/series/ocop-live/sessions/${session}/checkins/${cid}/qr.png`, { headers: { Cookie: s.cookie } });
  assert.equal(png.status, 200);
  assert.equal(png.headers.get('content-type'), 'image/png');
  const f = join(srv.dir, 'qr.png');
  writeFileSync(f, Buffer.from(await png.arrayBuffer()));
  const z = spawnSync('zbarimg', ['--raw', '-q', f], { encoding: 'utf8' });
  assert.equal(z.stdout.trim(), `${srv.url}/c/${code}`);
  // a phone that never opened its personal page is told what to do
  const cold = await fetch(`${srv.url}/c/${code}`);
  assert.match(await cold.text(), /Mở đường dẫn cá nhân/);
  // the personal page leaves a cookie for /c/ only; then one tap checks in
  const me = await fetch(`${srv.url}/me/${c.token}`);
  const cookies = me.headers.getSetCookie();
  const meCookie = cookies.find((x) => x.startsWith('ocop_me='));
  assert.match(meCookie, /Path=\/c\//);
  assert.match(meCookie, /HttpOnly/);
  const csrfCookie = cookies.find((x) => x.startsWith('ocop_csrf='));
  const jar = [meCookie.split(';')[0], csrfCookie && csrfCookie.split(';')[0]].filter(Boolean).join('; ');
  const page = await fetch(`${srv.url}/c/${code.toLowerCase()}`, { headers: { Cookie: jar } });
  const html = await page.text();
  assert.match(html, /Điểm danh ngay/);
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)[1];
  const pageCookie = (page.headers.getSetCookie().find((x) => x.startsWith('ocop_csrf=')) || '').split(';')[0];
  const tap = await fetch(`${srv.url}/c/${code}`, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: [jar, pageCookie].filter(Boolean).join('; ') },
    body: new URLSearchParams({ csrf }).toString(),
  });
  assert.equal(tap.status, 303);
  assert.match(tap.headers.get('location'), new RegExp(`/me/${c.token}\\?checkin=1`));
  assert.equal(sql(srv.db, `select count(*) from checkin_entries where checkin_id = ${cid} and registration_id = ${c.id}`), '1');
});
