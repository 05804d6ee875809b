// admin_evaluations.test.mjs: building evaluations in the console and
// reading their results.  One evaluation with every question kind is built
// through the forms, reordered, answered by four participants through the
// participant API, and its results (page, CSV, XLSX) are checked against
// numbers worked out by hand below.  Then: JSON export -> import round
// trip, strict import errors, duplicate to another session, the versioning
// rule (answered questions refused, retire and replace keeps old scores),
// roles and CSRF.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, ocop } from '../lib/server.mjs';
import { sql, text, person, apiRegister } from '../lib/ocop.mjs';

let srv, admin, org, viewer, outsider, base, sessions;
const ev = {}; // id, url, q: {name: id}, o: {label: id}

function account(email, role) {
  const out = ocop(['admin', 'add', email, '--role', role, '--db', srv.db]);
  return /password: (\S+)/.exec(out)[1];
}

// A logged-in client that keeps its cookies and the last CSRF token seen.
async function login(email, password) {
  const jar = new Map();
  const keep = (res) => {
    for (const c of res.headers.getSetCookie()) {
      const [kv] = c.split(';');
      const i = kv.indexOf('=');
      jar.set(kv.slice(0, i), kv.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const c = {
    csrf: null,
    async get(path) {
      const res = await fetch(srv.url + path, { headers: { Cookie: cookie() }, redirect: 'manual' });
      keep(res);
      const buf = Buffer.from(await res.arrayBuffer());
      const html = buf.toString('utf8');
      const m = /name="csrf" value="([^"]+)"/.exec(html);
      if (m) c.csrf = m[1];
      return { res, html, buf, status: res.status };
    },
    async post(path, fields = {}, { csrf = true, file } = {}) {
      const all = { ...(csrf ? { csrf: c.csrf } : {}), ...fields };
      const headers = { Cookie: cookie() };
      let body;
      if (file) {
        body = new FormData();
        for (const [k, v] of Object.entries(all)) body.append(k, v);
        body.append('file', new Blob([file], { type: 'application/json' }), 'bank.json');
      } else {
        body = new URLSearchParams(all).toString();
        headers['Content-Type'] = 'application/x-www-form-urlencoded';
      }
      const res = await fetch(srv.url + path, { method: 'POST', headers, body, redirect: 'manual' });
      keep(res);
      return { res, html: await res.text(), status: res.status, location: res.headers.get('location') };
    },
  };
  await c.get('/admin/login');
  const r = await c.post('/admin/login', { email, password });
  assert.equal(r.status, 303, 'login redirects');
  await c.get('/admin');
  return c;
}

// Local (UTC+7) date and time fields for a Unix time.
function when(prefix, t) {
  const iso = new Date((t + 7 * 3600) * 1000).toISOString();
  return { [`${prefix}_date`]: iso.slice(0, 10), [`${prefix}_time`]: iso.slice(11, 16) };
}

const now = () => Math.floor(Date.now() / 1000);

async function addQuestion(fields) {
  const r = await org.post(`${ev.url}/questions`, { required: '1', ...fields });
  assert.equal(r.status, 303, r.html.slice(0, 300));
  return Number(/questions\/(\d+)/.exec(r.location)?.[1] ?? sql(srv.db, `select max(id) from questions where evaluation_id = ${ev.id}`));
}

async function addOption(qid, label, correct = false) {
  const r = await org.post(`${ev.url}/questions/${qid}/options`, { label, ...(correct ? { correct: '1' } : {}) });
  assert.equal(r.status, 303, r.html.slice(0, 300));
  ev.o[label] = Number(sql(srv.db, `select max(id) from options where question_id = ${qid}`));
}

async function submit(token, answers) {
  const g = await (await fetch(`${srv.url}/api/v1/me/${token}/evaluations/${ev.id}`)).json();
  const res = await fetch(`${srv.url}/api/v1/me/${token}/evaluations/${ev.id}/submissions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ form_id: g.form_id, answers }),
  });
  const json = await res.json();
  assert.equal(res.status, 201, JSON.stringify(json));
  return json.submission;
}

function parseCsv(s) {
  assert.ok(s.startsWith('\uFEFF'), 'CSV starts with a BOM');
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 1; i < s.length; i++) {
    const ch = s[i];
    if (q) {
      if (ch === '"' && s[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  return rows;
}

before(async () => {
  srv = await startServer({ live: true });
  const series = sql(srv.db, "select id from series where slug = 'ocop-live'");
  sessions = sql(srv.db, `select id from sessions where series_id = ${series} order by position`).split('\n').map(Number);
  admin = await login('admin@ocop.vn', account('admin@ocop.vn', 'admin'));
  const pw = { org: account('org@ocop.vn', 'organizer'), viewer: account('viewer@ocop.vn', 'viewer'), out: account('out@ocop.vn', 'organizer') };
  sql(srv.db, `insert into series_members (series_id, user_id) select ${series}, id from users where email in ('org@ocop.vn', 'viewer@ocop.vn')`);
  org = await login('org@ocop.vn', pw.org);
  viewer = await login('viewer@ocop.vn', pw.viewer);
  outsider = await login('out@ocop.vn', pw.out);
  base = '/admin/series/ocop-live/evaluations';
});
after(async () => { await srv.stop(); });

test('create an evaluation with every question kind, and reorder', async () => {
  await org.get(`${base}/new`);
  const bad = await org.post(`${base}/new`, { title: '', session_id: String(sessions[0]), ...when('opens', now()), ...when('closes', now() - 7200) });
  assert.equal(bad.status, 422);
  assert.match(text(bad.html), /không được để trống/);
  assert.match(text(bad.html), /Thời điểm đóng phải sau/);
  const r = await org.post(`${base}/new`, {
    title: 'Kiểm tra <nhanh> & "khảo sát"', session_id: String(sessions[0]), instructions: 'Trả lời hết.',
    ...when('opens', now() - 3600), ...when('closes', now() + 2 * 86400), pass_mark: '50', show_answers: '1',
  });
  assert.equal(r.status, 303);
  ev.id = Number(/evaluations\/(\d+)\?done=created/.exec(r.location)[1]);
  ev.url = `${base}/${ev.id}`;
  ev.q = {}; ev.o = {};
  const page = await org.get(ev.url);
  assert.equal(page.status, 200);
  assert.ok(page.html.includes('Kiểm tra &lt;nhanh&gt; &amp; &quot;khảo sát&quot;'), 'the title is escaped');

  ev.q.single = await addQuestion({ kind: 'single', prompt: 'Sản phẩm OCOP có mấy hạng sao?', points: '2' });
  await addOption(ev.q.single, 'A 5 sao', true);
  await addOption(ev.q.single, 'B 3 sao');
  await addOption(ev.q.single, 'C 7 sao');
  ev.q.multi = await addQuestion({ kind: 'multiple', prompt: 'Ai được tham gia?', points: '4', partial: '1' });
  await addOption(ev.q.multi, 'W Hợp tác xã', true);
  await addOption(ev.q.multi, 'X Doanh nghiệp', true);
  await addOption(ev.q.multi, 'Y Cơ quan nhà nước');
  await addOption(ev.q.multi, 'Z Trường học');
  ev.q.rating = await addQuestion({ kind: 'rating', prompt: 'Nội dung hữu ích?', aspect: 'content' });
  ev.q.text = await addQuestion({ kind: 'text', prompt: 'Góp ý', max_len: '200', required: '' });
  sql(srv.db, `update questions set required = 0 where id = ${ev.q.text}`);
  ev.q.last = await addQuestion({ kind: 'single', prompt: 'Câu cuối', points: '1' });
  await addOption(ev.q.last, 'đúng', true);
  await addOption(ev.q.last, 'sai');

  // refused by the form rules
  const neg = await org.post(`${ev.url}/questions`, { kind: 'single', prompt: 'x', points: '-1' });
  assert.equal(neg.status, 422);
  assert.match(text(neg.html), /không được âm/);
  const rp = await org.post(`${ev.url}/questions`, { kind: 'rating', prompt: 'x', points: '3' });
  assert.equal(rp.status, 422);

  // reorder: the last question up one place, option C up one place
  assert.equal((await org.post(`${ev.url}/questions/${ev.q.last}`, { op: 'up' })).status, 303);
  assert.equal((await org.post(`${ev.url}/questions/${ev.q.single}/options/${ev.o['C 7 sao']}`, { op: 'up' })).status, 303);
  const order = sql(srv.db, `select id from questions where evaluation_id = ${ev.id} and retired = 0 order by position`).split('\n').map(Number);
  assert.deepEqual(order, [ev.q.single, ev.q.multi, ev.q.rating, ev.q.last, ev.q.text]);
  const opts = sql(srv.db, `select label from options where question_id = ${ev.q.single} order by position`).split('\n');
  assert.deepEqual(opts, ['A 5 sao', 'C 7 sao', 'B 3 sao']);
  // the participant side sees it at once (the cache follows updated_at)
  const tok = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const g = await (await fetch(`${srv.url}/api/v1/me/${tok}/evaluations/${ev.id}`)).json();
  assert.deepEqual(g.questions.map((q) => q.id), order);
  assert.ok(Number(sql(srv.db, "select count(*) from audit_log where action like 'question.%' or action like 'option.%'")) >= 13);
});

test('updated_at strictly increases, even for edits within one second', async () => {
  const v0 = Number(sql(srv.db, `select updated_at from evaluations where id = ${ev.id}`));
  await org.post(`${ev.url}/questions/${ev.q.text}`, { op: 'down' });
  await org.post(`${ev.url}/questions/${ev.q.text}`, { op: 'down' });
  const v1 = Number(sql(srv.db, `select updated_at from evaluations where id = ${ev.id}`));
  assert.ok(v1 >= v0 + 2, `${v1} > ${v0} twice`);
});

// P1: all right (7/7).  P2: B, [W] partial 2, rating 4, text, "sai" (2/7).
// P3: C, [W,Y] 0, rating 4, no text, "đúng" (1/7).  P4: A, [W,X,Y] 2,
// rating 2, "đúng" (5/7).  Hand-computed: single 2/4 correct (B 1, C 1);
// multiple exact 1/4, chosen W4 X2 Y2 Z0; rating mean 3.75, levels
// 0,1,0,2,1; last single 3/4; passed 2 of 4.
test('participants submit, and the results are the hand-computed numbers', async () => {
  const o = ev.o, q = ev.q;
  const people = [];
  const plans = [
    { [q.single]: o['A 5 sao'], [q.multi]: [o['W Hợp tác xã'], o['X Doanh nghiệp']], [q.rating]: 5, [q.text]: 'Rất bổ ích, cảm ơn', [q.last]: o['đúng'] },
    { [q.single]: o['B 3 sao'], [q.multi]: [o['W Hợp tác xã']], [q.rating]: 4, [q.text]: 'Góp ý: âm thanh kém', [q.last]: o['sai'] },
    { [q.single]: o['C 7 sao'], [q.multi]: [o['W Hợp tác xã'], o['Y Cơ quan nhà nước']], [q.rating]: 4, [q.last]: o['đúng'] },
    { [q.single]: o['A 5 sao'], [q.multi]: [o['W Hợp tác xã'], o['X Doanh nghiệp'], o['Y Cơ quan nhà nước']], [q.rating]: 2, [q.last]: o['đúng'] },
  ];
  const scores = [];
  for (const [i, answers] of plans.entries()) {
    const p = person({ full_name: `Học viên ${i + 1}` });
    const reg = (await apiRegister(srv.url, p, 'ocop-live')).json.registration;
    people.push({ ...p, token: reg.token });
    scores.push((await submit(reg.token, answers)).score);
  }
  assert.deepEqual(scores, [7, 2, 1, 5]);
  ev.people = people;

  const page = await viewer.get(`${ev.url}/results`);
  assert.equal(page.status, 200);
  const t = text(page.html);
  assert.match(t, /Bài nộp 4/);
  assert.match(t, /Đạt 2 \(50,0%\)/);
  assert.match(t, /Câu 1\. Sản phẩm OCOP có mấy hạng sao\?.*?Trả lời đúng: 2 \(50,0%\)/);
  assert.match(t, /Câu 2\. Ai được tham gia\?.*?Trả lời đúng: 1 \(25,0%\)/);
  assert.match(t, /Trung bình: 3,75 ?\/5/);
  assert.ok((page.html.match(/<svg /g) || []).length >= 5, 'charts are drawn');
  assert.ok(page.html.includes('<table class="sr-only">'), 'each chart has a data table');
  // the option chart's data table: B chosen once, Y twice
  assert.match(page.html, /<th scope="row">B 3 sao<\/th><td>1 \(25,0%\)<\/td>/);
  assert.match(page.html, /<th scope="row">Y Cơ quan nhà nước<\/th><td>2 \(50,0%\)<\/td>/);

  // folded search over text answers
  const s1 = text((await viewer.get(`${ev.url}/results?q=${encodeURIComponent('GOP Y')}`)).html);
  assert.match(s1, /Góp ý: âm thanh kém/);
  assert.doesNotMatch(s1, /Rất bổ ích/);
  assert.match(s1, /1 câu trả lời/);
  const s2 = text((await viewer.get(`${ev.url}/results?q=bo+ich`)).html);
  assert.match(s2, /Rất bổ ích/);

  // one participant
  const reg2 = sql(srv.db, `select id from registrations where token = '${people[1].token}'`);
  const one = text((await viewer.get(`${ev.url}/results/${reg2}`)).html);
  assert.match(one, /Học viên 2/);
  assert.match(one, /Điểm 2\/7/);
  assert.match(one, /Góp ý: âm thanh kém/);
  assert.equal((await viewer.get(`${ev.url}/results/999999`)).status, 404);
});

test('CSV exports carry the same numbers', async () => {
  const subs = parseCsv((await viewer.get(`${ev.url}/results.csv`)).html);
  assert.equal(subs.length, 5);
  assert.deepEqual(subs[0].slice(0, 9), ['STT', 'Họ tên', 'E-mail', 'Điện thoại', 'Đơn vị', 'Nộp lúc', 'Điểm', 'Điểm tối đa', 'Đạt']);
  assert.deepEqual(subs.slice(1).map((r) => [r[1], r[6], r[7], r[8]]),
    [['Học viên 1', '7', '7', 'Đạt'], ['Học viên 2', '2', '7', 'Chưa đạt'], ['Học viên 3', '1', '7', 'Chưa đạt'], ['Học viên 4', '5', '7', 'Đạt']]);
  assert.equal(subs[2][9], 'B 3 sao');
  assert.equal(subs[4][10], 'W Hợp tác xã; X Doanh nghiệp; Y Cơ quan nhà nước');
  assert.equal(subs[1][11], '5');

  const qs = parseCsv((await viewer.get(`${ev.url}/results.csv?table=questions`)).html);
  assert.deepEqual(qs[1].slice(5, 10), ['4', '2', '50', '1', 'C 7 sao (1); B 3 sao (1)']);
  assert.deepEqual(qs[2].slice(5, 10), ['4', '1', '25', '2', 'Y Cơ quan nhà nước (2)']);
  const os = parseCsv((await viewer.get(`${ev.url}/results.csv?table=options`)).html);
  const chosen = Object.fromEntries(os.slice(1).map((r) => [r[1], r[3]]));
  assert.deepEqual([chosen['W Hợp tác xã'], chosen['X Doanh nghiệp'], chosen['Y Cơ quan nhà nước'], chosen['Z Trường học']], ['4', '2', '2', '0']);
  const rt = parseCsv((await viewer.get(`${ev.url}/results.csv?table=ratings`)).html);
  assert.deepEqual(rt[1].slice(3), ['4', '3.75', '0', '1', '0', '2', '1']);
  assert.equal((await viewer.get(`${ev.url}/results.csv?table=nope`)).status, 404);
});

test('the XLSX export opens, one sheet per table, with the numbers', async () => {
  const r = await viewer.get(`${ev.url}/results.xlsx`);
  assert.equal(r.status, 200);
  assert.match(r.res.headers.get('content-type'), /spreadsheetml/);
  const file = join(srv.dir, 'r.xlsx');
  writeFileSync(file, r.buf);
  const py = `import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}, ensure_ascii=False))`;
  const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' }));
  assert.deepEqual(Object.keys(out), ['Bài nộp', 'Câu hỏi', 'Lựa chọn', 'Đánh giá 1-5']);
  assert.deepEqual(out['Bài nộp'].slice(1).map((row) => row[6]), [7, 2, 1, 5]);
  assert.deepEqual(out['Câu hỏi'][1].slice(5, 8), [4, 2, 50]);
  assert.deepEqual(out['Đánh giá 1-5'][1].slice(3), [4, 3.75, 0, 1, 0, 2, 1]);
});

test('JSON export, import round trip, and strict import errors', async () => {
  const doc = JSON.parse((await org.get(`${ev.url}/export.json`)).html);
  assert.equal(doc.format, 'ocop-evaluation');
  assert.equal(doc.questions.length, 5);
  await org.get(base);
  const r = await org.post(`${base}/import`, { session_id: '0' }, { file: JSON.stringify(doc) });
  assert.equal(r.status, 303, r.html.slice(0, 400));
  const id = /evaluations\/(\d+)\?done=imported/.exec(r.location)[1];
  const again = JSON.parse((await org.get(`${base}/${id}/export.json`)).html);
  assert.deepEqual(again, doc);
  assert.equal(sql(srv.db, `select coalesce(session_id, 0) from evaluations where id = ${id}`), '0');

  const cases = [
    [{ ...doc, questions: [{ ...doc.questions[0], kind: 'essay' }] }, /câu 1: loại câu hỏi không hợp lệ 'essay'/],
    [{ ...doc, questions: [{ ...doc.questions[0], options: doc.questions[0].options.map((o) => ({ ...o, correct: false })) }] }, /câu 1: câu có điểm cần ít nhất một đáp án đúng/],
    [{ ...doc, questions: [{ ...doc.questions[0], points: -1 }] }, /câu 1: điểm không được âm/],
    [{ ...doc, questions: Array(201).fill(doc.questions[2]) }, /quá nhiều câu hỏi: 201/],
    [{ ...doc, colour: 'red' }, /khoá không biết 'colour'/],
    [{ ...doc, format: 'x' }, /không phải tệp bài đánh giá OCOP/],
  ];
  const before = sql(srv.db, 'select count(*) from evaluations');
  for (const [bad, want] of cases) {
    await org.get(base);
    const b = await org.post(`${base}/import`, { session_id: '0' }, { file: JSON.stringify(bad) });
    assert.equal(b.status, 422);
    assert.match(text(b.html), want);
  }
  await org.get(base);
  const nj = await org.post(`${base}/import`, { session_id: '0' }, { file: '{"format": ' });
  assert.equal(nj.status, 422);
  assert.match(text(nj.html), /không phải JSON hợp lệ/);
  assert.equal(sql(srv.db, 'select count(*) from evaluations'), before);
});

test('duplicate to another session', async () => {
  await org.get(ev.url);
  const r = await org.post(`${ev.url}/duplicate`, { session_id: String(sessions[1]) });
  assert.equal(r.status, 303);
  const id = /evaluations\/(\d+)\?done=duplicated/.exec(r.location)[1];
  const [sess, opens, code] = sql(srv.db, `select session_id, opens_at, code from evaluations where id = ${id}`).split('|');
  assert.equal(Number(sess), sessions[1]);
  assert.equal(opens, sql(srv.db, `select starts_at from sessions where id = ${sessions[1]}`));
  assert.notEqual(code, sql(srv.db, `select code from evaluations where id = ${ev.id}`));
  const a = JSON.parse((await org.get(`${ev.url}/export.json`)).html);
  const b = JSON.parse((await org.get(`${base}/${id}/export.json`)).html);
  assert.deepEqual(b.questions, a.questions);
});

test('an answered question is locked; retire and replace keeps old scores', async () => {
  const q = ev.q.single, qurl = `${ev.url}/questions/${q}`;
  const page = await org.get(qurl);
  assert.match(text(page.html), /đã có 4 câu trả lời/);
  const full = { kind: 'single', prompt: 'Sản phẩm OCOP có mấy hạng sao?', points: '2', max_len: '0', aspect: '', required: '1' };
  const r1 = await org.post(qurl, { ...full, points: '5', op: 'save' });
  assert.equal(r1.status, 409);
  assert.match(text(r1.html), /Ngừng dùng và thay thế/);
  assert.equal(sql(srv.db, `select points from questions where id = ${q}`), '2');
  assert.equal((await org.post(qurl, { op: 'delete' })).status, 409);
  assert.equal((await org.post(`${qurl}/options/${ev.o['B 3 sao']}`, { op: 'save', label: 'B 4 sao', correct: '1' })).status, 409);
  assert.equal((await org.post(`${qurl}/options/${ev.o['B 3 sao']}`, { op: 'delete' })).status, 409);
  assert.equal((await org.post(`${qurl}/options`, { label: 'D' })).status, 409);
  // a typo in the prompt may be fixed
  const typo = await org.post(qurl, { ...full, prompt: 'Sản phẩm OCOP được xếp mấy hạng sao?', op: 'save' });
  assert.equal(typo.status, 303);
  assert.equal(sql(srv.db, `select prompt from questions where id = ${q}`), 'Sản phẩm OCOP được xếp mấy hạng sao?');

  const before = sql(srv.db, `select score from submissions where evaluation_id = ${ev.id} order by id`).split('\n').join(',');
  const rr = await org.post(qurl, { op: 'retire' });
  assert.equal(rr.status, 303);
  const copy = Number(/questions\/(\d+)\?done=retired/.exec(rr.location)[1]);
  assert.equal(sql(srv.db, `select retired from questions where id = ${q}`), '1');
  assert.equal(sql(srv.db, `select count(*) from options where question_id = ${copy}`), '3');
  // the copy can be changed freely
  const ch = await org.post(`${ev.url}/questions/${copy}`, { ...full, points: '3', op: 'save' });
  assert.equal(ch.status, 303);
  assert.equal(sql(srv.db, `select score from submissions where evaluation_id = ${ev.id} order by id`).split('\n').join(','), before);
  // participants now get the copy, at the same place
  const tok = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const g = await (await fetch(`${srv.url}/api/v1/me/${tok}/evaluations/${ev.id}`)).json();
  assert.equal(g.questions[0].id, copy);
  assert.equal(g.questions[0].points, 3);
  // the results keep the retired question with its answers
  const t = text((await viewer.get(`${ev.url}/results`)).html);
  assert.match(t, /Sản phẩm OCOP được xếp mấy hạng sao\? Một lựa chọn · đã ngừng dùng · 4 người trả lời · Trả lời đúng: 2 \(50,0%\)/);
  assert.equal((await org.post(`${ev.url}/questions/${q}`, { ...full, op: 'save' })).status, 404);
});

test('roles and CSRF', async () => {
  assert.equal((await viewer.get(base)).status, 200);
  assert.equal((await viewer.get(`${ev.url}/results.csv`)).status, 200);
  assert.equal((await viewer.get(`${ev.url}/export.json`)).status, 200);
  const vpage = await viewer.get(ev.url);
  assert.equal(vpage.status, 200);
  assert.doesNotMatch(vpage.html, /Thêm câu hỏi/);
  assert.equal((await viewer.get(`${base}/new`)).status, 403);
  assert.equal((await viewer.post(`${ev.url}/questions/${ev.q.text}`, { op: 'up' })).status, 403);
  assert.equal((await outsider.get(base)).status, 403);
  assert.equal((await outsider.get(`${ev.url}/results`)).status, 403);
  await outsider.get('/admin');
  assert.equal((await outsider.post(`${ev.url}`, { title: 'x' })).status, 403);
  const anon = await fetch(srv.url + `${ev.url}/results`, { redirect: 'manual' });
  assert.equal(anon.status, 303);
  assert.match(anon.headers.get('location'), /^\/admin\/login\?next=/);
  const nocsrf = await org.post(`${ev.url}/questions/${ev.q.text}`, { op: 'up' }, { csrf: false });
  assert.equal(nocsrf.status, 403);
  assert.equal((await admin.get(`${ev.url}/results`)).status, 200);
  // another series' evaluation through this series' URL is not found
  const other = sql(srv.db, "select e.id from evaluations e join series s on s.id = e.series_id where s.slug = 'ocop-2021' limit 1");
  assert.equal((await admin.get(`${base}/${other}`)).status, 404);
});
