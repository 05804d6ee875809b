// Reports: a small series with known answers (the live demo series, six
// registrations in chosen provinces and categories, Zoom reports for two
// sessions, two submissions of the open evaluation, mail states), then every
// figure on the dashboard, in the PDF (pdftotext) and in the XLSX (read back
// with openpyxl) against numbers computed by hand; filters; the cache equal
// to a full recount after a change; roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, BIN, ocop } from '../lib/server.mjs';
import { person, apiRegister, sql } from '../lib/ocop.mjs';
import { addAccount, login } from '../lib/admin.mjs';

let srv, admin, ses1, ses2, start1, start2, evalId, reg = {};

function zoomTime(t) {
  const d = new Date((t + 7 * 3600) * 1000);
  const p = (n) => String(n).padStart(2, '0');
  let h = d.getUTCHours();
  const ampm = h >= 12 ? 'PM' : 'AM';
  h = h % 12 || 12;
  return `${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())}/${d.getUTCFullYear()} ${p(h)}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${ampm}`;
}
// A Zoom participants report: rows of [name, email, from minute, to minute].
function importZoom(session, start, rows, id) {
  const lines = [
    'Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants',
    `${id},OCOP,${zoomTime(start)},${zoomTime(start + 12600)},host@ocop.vn,210,${rows.length}`,
    '',
    'Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest',
  ];
  for (const [name, email, from, to] of rows)
    lines.push(`"${name}",${email},${zoomTime(start + from * 60)},${zoomTime(start + to * 60)},${to - from},No`);
  const f = join(srv.dir, `zoom-${session}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(f, '\ufeff' + lines.join('\r\n') + '\r\n');
  const r = spawnSync(BIN, ['import', 'zoom', f, '--session', String(session), '--db', srv.db, '--yes'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

async function submit(token, answers) {
  const ev = await (await fetch(`${srv.url}/api/v1/me/${token}/evaluations/${evalId}`)).json();
  const res = await fetch(`${srv.url}/api/v1/me/${token}/evaluations/${evalId}/submissions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ form_id: ev.form_id, answers: answers(ev) }),
  });
  assert.equal(res.status, 201, await res.text());
}

// Every choice right (or every one wrong), and the four ratings given.
function answers(right, ratings) {
  return (ev) => {
    const out = {};
    for (const q of ev.questions) {
      if (q.kind === 'text') continue;
      if (q.kind === 'rating') {
        const aspect = sql(srv.db, `select aspect from questions where id = ${q.id}`);
        out[q.id] = ratings[aspect];
        continue;
      }
      const ids = sql(srv.db, `select id from options where question_id = ${q.id} and correct = ${right ? 1 : 0} order by id`)
        .split('\n').filter(Boolean).map(Number);
      out[q.id] = q.kind === 'single' ? ids[0] : right ? ids : [ids[0]];
    }
    return out;
  };
}

const people = {
  A: { full_name: 'Nguyễn Văn An', province_code: '01', category: 'enterprise' },
  B: { full_name: 'Trần Thị Bình', province_code: '01', category: 'cooperative' },
  C: { full_name: 'Lê Văn Cường', province_code: '79', category: 'enterprise' },
  D: { full_name: 'Phạm Thị Dung', province_code: '79', category: 'household' },
  E: { full_name: 'Hoàng Văn Em', province_code: '48', category: 'commune_official' },
  F: { full_name: 'Võ Thị Phương', province_code: '48', category: 'household' },
};

before(async () => {
  srv = await startServer({ live: true, env: { OCOP_REPORT_REFRESH: '0' } });
  const series = sql(srv.db, "select id from series where slug = 'ocop-live'");
  [ses1, ses2] = sql(srv.db, `select id from sessions where series_id = ${series} order by position limit 2`).split('\n').map(Number);
  start1 = Number(sql(srv.db, `select starts_at from sessions where id = ${ses1}`));
  start2 = Number(sql(srv.db, `select starts_at from sessions where id = ${ses2}`));
  evalId = Number(sql(srv.db, `select id from evaluations where session_id = ${ses1}`));
  for (const [k, p] of Object.entries(people)) {
    const { res, json } = await apiRegister(srv.url, person({ ...p, email: `${k.toLowerCase()}.report@example.vn` }), 'ocop-live');
    assert.equal(res.status, 201);
    reg[k] = json.registration;
  }
  sql(srv.db, `update registrations set status = 'withdrawn' where id = ${reg.F.id}`);
  // One confirmation each: A, B, C sent; D failed; E and F still queued.
  assert.equal(sql(srv.db, `select count(*) from outbox where registration_id in (${Object.values(reg).map((r) => r.id)})`), '6');
  sql(srv.db, `update outbox set state = 'sent' where registration_id in (${reg.A.id}, ${reg.B.id}, ${reg.C.id})`);
  sql(srv.db, `update outbox set state = 'failed', attempts = 8 where registration_id = ${reg.D.id}`);
  // Session 1 lasts 210 minutes; the rule asks 60 % (126). A and C stay, B leaves early.
  importZoom(ses1, start1, [['Nguyễn Văn An', 'a.report@example.vn', 0, 150],
    ['Trần Thị Bình', 'b.report@example.vn', 0, 60], ['Lê Văn Cường', 'c.report@example.vn', 5, 205]], '920 0000 0001');
  importZoom(ses2, start2, [['Nguyễn Văn An', 'a.report@example.vn', 0, 200]], '920 0000 0002');
  // The open evaluation (session 1, counts as presence): B all right, D all wrong.
  await submit(reg.B.token, answers(true, { content: 5, speaker: 4, organisation: 3, platform: 2 }));
  await submit(reg.D.token, answers(false, { content: 4, speaker: 2, organisation: 5, platform: 3 }));
  sql(srv.db, `update topics set speaker = 'TS. Nguyễn Văn Báo', speaker_org = 'Viện Kinh tế' where session_id = ${ses1}`);
  sql(srv.db, `update topics set speaker = 'ThS. Lê Thị Viên', speaker_org = '' where session_id = ${ses2}`);
  const pw = addAccount(srv, 'boss.report@ocop.local', 'admin');
  admin = await login(srv.url, 'boss.report@ocop.local', pw);
});
after(async () => { await srv.stop(); });

const page = async (q = '', who = admin) => {
  const res = await fetch(`${srv.url}/admin/series/ocop-live/report${q}`, { headers: { Cookie: who.cookie } });
  return { status: res.status, html: await res.text() };
};
// data-fig values of a fragment, in order, keyed by name.
function figs(html) {
  const out = {};
  for (const m of html.matchAll(/data-fig="([a-z_]+)">(?:<a [^>]*>)?([^<]*)/g)) out[m[1]] = m[2].trim();
  return out;
}
const part = (html, id) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</table>', html.indexOf(`id="${id}"`)));
const row = (html, attr) => { const i = html.indexOf(attr); return html.slice(i, html.indexOf('</tr>', i)); };

test('the dashboard shows every figure as computed by hand', async () => {
  const { status, html } = await page();
  assert.equal(status, 200);
  assert.deepEqual(figs(html.slice(html.indexOf('id="report-totals"'), html.indexOf('</ul>', html.indexOf('id="report-totals"')))), {
    registered: '5', took_part: '4', stayed: '0', submissions: '2', cert_valid: '0', cert_revoked: '0', cert_pending: '0',
    mail_sent: '3', mail_failed: '1',
  });
  const s1 = figs(row(part(html, 'report-sessions'), 'data-session="1"'));
  assert.deepEqual(s1, {
    registered: '5', attended: '4', rate: '80,0', zoom: '2', checkin: '0', evaluation: '2', submissions: '2',
    mean_pct: '50,0', pass_rate: '50,0', content: '4,50', speaker: '3,00', organisation: '4,00', platform: '2,50',
  });
  const s2 = figs(row(part(html, 'report-sessions'), 'data-session="2"'));
  assert.deepEqual([s2.attended, s2.rate, s2.zoom, s2.submissions, s2.pass_rate, s2.content], ['1', '20,0', '1', '0', '—', '—']);
  const provs = part(html, 'report-provinces');
  assert.deepEqual(figs(row(provs, 'data-code="01"')), { registered: '2', took_part: '2', stayed: '0', certified: '0' });
  assert.deepEqual(figs(row(provs, 'data-code="79"')), { registered: '2', took_part: '2', stayed: '0', certified: '0' });
  assert.deepEqual(figs(row(provs, 'data-code="48"')), { registered: '1', took_part: '0', stayed: '0', certified: '0' });
  // Ranked: the two with 2 (by code), then 1, then the 31 others with 0.
  const order = [...provs.matchAll(/data-code="(\d+)"/g)].map((m) => m[1]);
  assert.equal(order.length, 34);
  assert.deepEqual(order.slice(0, 3), ['01', '79', '48']);
  const ev = figs(row(part(html, 'report-evaluations'), `data-eval="${evalId}"`));
  assert.deepEqual(ev, { submissions: '2', passed: '1', pass_rate: '50,0', mean_pct: '50,0' });
  const sp = part(html, 'report-speakers');
  assert.match(sp, /TS\. Nguyễn Văn Báo<\/th><td>Viện Kinh tế<\/td><td>1<\/td><td data-fig="n">2<\/td><td data-fig="mean">3,00/);
  assert.match(sp, /ThS\. Lê Thị Viên<\/th><td><\/td><td>2<\/td><td data-fig="n">0<\/td><td data-fig="mean">—/);
  const mail = html.slice(html.indexOf('id="report-mail"'));
  assert.deepEqual(figs(mail.slice(0, mail.indexOf('</ul>'))), { sent: '3', failed: '1', queued: '2', retrying: '0', cancelled: '0' });
  // Charts: drawn on the server, each with a title and its table; the bars link to their lists.
  assert.equal((html.match(/<svg [^>]*role="img"/g) || []).length, 8);
  assert.equal((html.match(/<table class="sr-only">/g) || []).length, 8);
  assert.match(html, /<a href="\/admin\/series\/ocop-live\/registrations\?status=active&amp;province=01">/);
  assert.match(html, new RegExp(`<a href="/admin/series/ocop-live/sessions/${ses1}/attendance">`));
  assert.match(html, new RegExp(`<a href="/admin/series/ocop-live/evaluations/${evalId}/results">`));
  assert.doesNotMatch(html, /<script/);
});

test('filters by province and category apply to every figure', async () => {
  const { html } = await page('?province=79');
  const t = figs(html.slice(html.indexOf('id="report-totals"'), html.indexOf('</ul>', html.indexOf('id="report-totals"'))));
  assert.deepEqual(t, { registered: '2', took_part: '2', stayed: '0', submissions: '1', cert_valid: '0', cert_revoked: '0', cert_pending: '0', mail_sent: '1', mail_failed: '1' });
  const s1 = figs(row(part(html, 'report-sessions'), 'data-session="1"'));
  assert.deepEqual([s1.registered, s1.attended, s1.rate, s1.zoom, s1.evaluation, s1.pass_rate, s1.mean_pct, s1.content, s1.speaker],
    ['2', '2', '100,0', '1', '1', '0,0', '0,0', '4,00', '2,00']);
  const e = figs(row(part((await page('?category=enterprise')).html, 'report-sessions'), 'data-session="1"'));
  assert.deepEqual([e.registered, e.attended, e.zoom, e.evaluation, e.submissions, e.pass_rate], ['2', '2', '2', '0', '0', '—']);
  const both = await page('?province=01&category=cooperative');
  const b1 = figs(row(part(both.html, 'report-sessions'), 'data-session="1"'));
  assert.deepEqual([b1.registered, b1.attended, b1.evaluation, b1.pass_rate, b1.content], ['1', '1', '1', '100,0', '5,00']);
  // Unknown codes are ignored, not errors.
  assert.equal((await page('?province=99&category=nope')).status, 200);
});

test('the PDF says the same numbers (pdftotext)', async () => {
  const res = await fetch(`${srv.url}/admin/series/ocop-live/report.pdf`, { headers: { Cookie: admin.cookie } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const f = join(srv.dir, 'report.pdf');
  writeFileSync(f, Buffer.from(await res.arrayBuffer()));
  const txt = execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  assert.match(txt, /BÁO CÁO/);
  assert.match(txt, /Người đăng ký 5\n/);
  assert.match(txt, /Tham dự ít nhất một buổi 4\n/);
  assert.match(txt, /Tham dự đủ tất cả các buổi 0\n/);
  assert.match(txt, /Bài đánh giá đã nộp 2\n/);
  assert.match(txt, /Giấy chứng nhận đã cấp 0\b/);
  assert.match(txt, /Thư điện tử 3 đã gửi, 1 lỗi/);
  assert.match(txt, /\n ?1 \d\d\/\d\d\/\d{4} 5 4 80,0 2 0 2 2 50,0 50,0\n/, 'session 1 row');
  assert.match(txt, /\n ?2 \d\d\/\d\d\/\d{4} 5 1 20,0 1 0 0 0 — —\n/, 'session 2 row');
  assert.match(txt, /Buổi 1 \(\d\d\/\d\d\/\d{4}\) 4,50 3,00 4,00 2,50 2\n/, 'ratings of session 1');
  assert.match(txt, /TS\. Nguyễn Văn Báo Viện Kinh tế 1 2 3,00/);
  assert.match(txt, /\n ?1 Hà Nội 2 2 0 0\n/);
  assert.match(txt, /\n ?2 TP Hồ Chí Minh 2 2 0 0\n/);
  assert.match(txt, /\n ?3 Đà Nẵng 1 0 0 0\n/);
  assert.match(txt, /Thư đã gửi 3\n/);
  assert.match(txt, /Thư gửi lỗi 1\n/);
  assert.match(txt, /34 đơn vị hành chính/);
});

test('the XLSX says the same numbers (openpyxl)', async () => {
  const res = await fetch(`${srv.url}/admin/series/ocop-live/report.xlsx`, { headers: { Cookie: admin.cookie } });
  assert.equal(res.status, 200);
  const f = join(srv.dir, 'report.xlsx');
  writeFileSync(f, Buffer.from(await res.arrayBuffer()));
  const py = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = {'freeze': ws.freeze_panes, 'rows': [[c for c in r] for r in ws.iter_rows(values_only=True)],
                     'widths': [ws.column_dimensions[k].width for k in 'ABC']}
print(json.dumps(out, ensure_ascii=False))`;
  const wb = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, f], { encoding: 'utf8' }));
  assert.deepEqual(Object.keys(wb), ['Tổng hợp', 'Theo buổi', 'Bài đánh giá', 'Báo cáo viên', 'Theo tỉnh',
    'Theo đối tượng', 'Theo ngày', 'Chứng nhận và thư']);
  for (const s of Object.values(wb)) assert.equal(s.freeze, 'A2', 'the heading row is frozen');
  const ses = wb['Theo buổi'].rows;
  assert.deepEqual(ses[0].slice(0, 6), ['Buổi', 'Ngày', 'Tên buổi', 'Đăng ký', 'Tham dự', 'Tỷ lệ tham dự (%)']);
  assert.deepEqual([ses[1][0], ...ses[1].slice(3)], [1, 5, 4, 80, 2, 0, 2, 2, 1, 50, 50, 4.5, 3, 4, 2.5]);
  assert.deepEqual([ses[2][0], ...ses[2].slice(3, 10)], [2, 5, 1, 20, 1, 0, 0, 0]);
  const prov = wb['Theo tỉnh'].rows;
  assert.deepEqual(prov.slice(1, 4), [['01', 'Hà Nội', 2, 2, 0, 0], ['79', 'TP Hồ Chí Minh', 2, 2, 0, 0],
    ['48', 'Đà Nẵng', 1, 0, 0, 0]]);
  assert.equal(prov.length, 35);
  const cats = Object.fromEntries(wb['Theo đối tượng'].rows.slice(1));
  assert.deepEqual([cats['Doanh nghiệp'], cats['Hợp tác xã'], cats['Hộ sản xuất, kinh doanh'], cats['Cán bộ quản lý cấp xã']], [2, 1, 1, 1]);
  const days = wb['Theo ngày'].rows.slice(1);
  assert.equal(days.reduce((a, r) => a + r[1], 0), 5);
  const cm = Object.fromEntries(wb['Chứng nhận và thư'].rows.slice(1));
  assert.deepEqual([cm['Giấy chứng nhận đã cấp (còn hiệu lực)'], cm['Thư đã gửi'], cm['Thư gửi lỗi'], cm['Thư chờ gửi'], cm['Tổng số thư']],
    [0, 3, 1, 2, 6]);
  const sum = Object.fromEntries(wb['Tổng hợp'].rows.slice(1));
  assert.deepEqual([sum['Người đăng ký'], sum['Người đã rút đăng ký'], sum['Tham dự ít nhất một buổi']], [5, 1, 4]);
  assert.ok(wb['Theo tỉnh'].widths[1] >= 16, 'columns as wide as their content');
});

test('ocop report writes the same PDF figures and the JSON of every figure', () => {
  const json = JSON.parse(ocop(['report', '--db', srv.db, '--series', 'ocop-live', '--format', 'json']));
  assert.deepEqual(json.totals, { registered: 5, withdrawn: 1, took_part: 4, stayed: 0, sessions: 8 });
  assert.deepEqual(json.certificates, { available: true, valid: 0, revoked: 0, pending: 0, note: '' });
  assert.equal(json.mail.total, 6);
  const f = join(srv.dir, 'cli.pdf');
  ocop(['report', '--db', srv.db, '--series', 'ocop-live', '--format', 'pdf', '--output', f]);
  assert.match(readFileSync(f, 'latin1').slice(0, 5), /%PDF-/);
  const r = spawnSync(BIN, ['report', '--db', srv.db, '--series', 'nope', '--format', 'pdf'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.equal(spawnSync(BIN, ['report', '--db', srv.db, '--series', 'ocop-live'], { encoding: 'utf8' }).status, 2);
});

test('after a change the dashboard equals a full recount', async () => {
  await page(); // counted and cached
  importZoom(ses2, start2, [['Lê Văn Cường', 'c.report@example.vn', 0, 210]], '920 0000 0003');
  const s2 = figs(row(part((await page()).html, 'report-sessions'), 'data-session="2"'));
  const full = JSON.parse(ocop(['report', '--db', srv.db, '--series', 'ocop-live', '--format', 'json']));
  assert.equal(s2.attended, String(full.sessions[1].attended));
  assert.equal(s2.attended, '2');
  assert.equal(s2.zoom, '2');
});

test('viewers of the series may see it; others may not', async () => {
  const vpw = addAccount(srv, 'viewer.report@ocop.local', 'viewer', 'ocop-live');
  const viewer = await login(srv.url, 'viewer.report@ocop.local', vpw);
  assert.equal((await page('', viewer)).status, 200);
  const opw = addAccount(srv, 'other.report@ocop.local', 'organizer');
  const other = await login(srv.url, 'other.report@ocop.local', opw);
  assert.equal((await page('', other)).status, 403);
  const pdf = await fetch(`${srv.url}/admin/series/ocop-live/report.pdf`, { headers: { Cookie: other.cookie } });
  assert.equal(pdf.status, 403);
  const anon = await fetch(`${srv.url}/admin/series/ocop-live/report`, { redirect: 'manual' });
  assert.notEqual(anon.status, 200);
});

test('a series that recorded the 63 earlier provinces: shown in those, or mapped onto the 34', () => {
  const s = sql(srv.db, "select id from series where slug = 'ocop-2021'");
  sql(srv.db, `update series set province_list = 'pre2025' where id = ${s}`);
  const rows = [['02', 'household'], ['08', 'household'], ['08', 'enterprise'], ['01', 'enterprise']];
  rows.forEach(([code, cat], i) => sql(srv.db, `insert into registrations (series_id, token, full_name, name_fold, email,
    email_norm, phone, province_code, category, created_at) values (${s}, 'old-${i}', 'Người ${i}', 'nguoi ${i}',
    'old${i}@example.vn', 'old${i}@example.vn', '+84912000${i}00', '${code}', '${cat}', 1630000000)`));
  const rep = (args = []) => JSON.parse(ocop(['report', '--db', srv.db, '--series', 'ocop-2021', '--format', 'json', ...args]));
  const old = rep();
  assert.equal(old.filter.list, 'pre2025');
  assert.equal(old.provinces.length, 63);
  assert.match(old.filter.note, /63 đơn vị/);
  const byName = (r) => Object.fromEntries(r.by_province.filter((p) => p.registered).map((p) => [p.name, p.registered]));
  assert.deepEqual(byName(old), { 'Hà Giang': 1, 'Tuyên Quang': 2, 'Hà Nội': 1 });
  const mapped = rep(['--map-2025']);
  assert.equal(mapped.filter.mapped, true);
  assert.equal(mapped.provinces.length, 34);
  assert.match(mapped.filter.note, /quy về 34 đơn vị/);
  assert.deepEqual(byName(mapped), { 'Tuyên Quang': 3, 'Hà Nội': 1 });
  // A filter names a province of the list shown.
  assert.equal(rep(['--map-2025', '--province', '08']).totals.registered, 3);
  assert.equal(rep(['--province', '02']).totals.registered, 1);
  assert.equal(rep(['--province', '08', '--category', 'household']).totals.registered, 1);
});

test('while people write, a stale page is answered at once and counted again in the background', async () => {
  const srv2 = await startServer({ demo: false, db: srv.db, env: { OCOP_REPORT_REFRESH: '1' } });
  try {
    const get = async () => {
      const res = await fetch(`${srv2.url}/admin/series/ocop-live/report`, { headers: { Cookie: admin.cookie } });
      const html = await res.text();
      return { stale: /Đã có thay đổi mới/.test(html), s2: figs(row(part(html, 'report-sessions'), 'data-session="2"')) };
    };
    const first = await get();
    assert.equal(first.stale, false);
    importZoom(ses2, start2, [['Hoàng Văn Em', 'e.report@example.vn', 0, 210]], '920 0000 0004');
    await new Promise((r) => setTimeout(r, 1100));
    const t0 = Date.now();
    const noticed = await get();
    assert.ok(Date.now() - t0 < 1000, 'answered without waiting for the count');
    assert.equal(noticed.s2.attended, first.s2.attended, 'the last count, said to be stale');
    assert.equal(noticed.stale, true);
    const full = JSON.parse(ocop(['report', '--db', srv.db, '--series', 'ocop-live', '--format', 'json']));
    let now;
    for (let i = 0; i < 50; i++) {
      now = await get();
      if (!now.stale) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(now.stale, false);
    assert.equal(now.s2.attended, String(full.sessions[1].attended));
    assert.equal(Number(now.s2.attended), Number(first.s2.attended) + 1);
  } finally {
    await srv2.stop();
  }
});
