// ocop.test.mjs: the OCOP self-assessment, end to end over HTTP.
//   - `ocop criteria load` stores a set: `list` shows it, a restarted server serves it;
//     a bad file is refused with the reason and the good set stays;
//   - a participant starts, saves part, resumes with the answers kept, completes; the
//     result's total and stars are those computed here from the set's own JSON; the
//     PDF is a PDF whose text holds the product and the total;
//   - options that are not the criterion's, a criterion answered twice: 422 and why;
//   - the public demo scores without saving; the organisers' page counts; roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, ocop, BIN, formSession, postForm } from '../lib/server.mjs';
import { person, apiRegister, sql, assertHeaders, text } from '../lib/ocop.mjs';

const SET = 'qd1048-2019-che-bien-rau-cu-qua-hat';
let srv, sheet, bands;

before(async () => {
  srv = await startServer();
  sheet = JSON.parse(ocop(['criteria', '--db', srv.db, 'show', '--set', SET]));
  bands = JSON.parse(ocop(['criteria', '--db', srv.db, 'show', '--set', sheet.framework])).bands;
});
after(async () => { await srv.stop(); });

// Position (1-based) chosen for each criterion: the second best option that is not a
// knock-out, so the product lands mid-table; 5.1 gets its best so 5.2 and 5.3 apply.
function answers(set = sheet) {
  const out = {};
  for (const c of set.criteria) {
    const ok = c.options.map((o, i) => ({ ...o, pos: i + 1 })).filter((o) => !o.knockout);
    ok.sort((a, b) => a.points - b.points);
    out[c.code] = (c.code === '5.1' ? ok[ok.length - 1] : ok[Math.max(0, ok.length - 2)]).pos;
  }
  return out;
}

// The engine's rules, read from the JSON: conditions, points per part, the band.
function expected(set, ans) {
  const pts = (code) => set.criteria.find((c) => c.code === code).options[ans[code] - 1].points;
  let total = 0;
  for (const c of set.criteria) {
    if (c.condition && pts(c.condition.criterion) < c.condition.min_points) continue;
    total += pts(c.code);
  }
  const stars = bands.find((b) => total >= b.min).stars;
  return { total, stars };
}

// Applicable criteria left unanswered: a condition on an unanswered criterion fails.
function missing(set, ans) {
  const pts = (code) => (ans[code] ? set.criteria.find((c) => c.code === code).options[ans[code] - 1].points : -1);
  return set.criteria.filter((c) => !ans[c.code] &&
    !(c.condition && pts(c.condition.criterion) < c.condition.min_points)).length;
}

function fields(ans, extra = {}) {
  const f = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) f.append(k, v);
  for (const [code, pos] of Object.entries(ans)) f.append(`c:${code}`, `${code}:${pos}`);
  return f;
}

async function post(url, body, cookie) {
  return fetch(url, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: body.toString(),
  });
}

async function participant() {
  const { json } = await apiRegister(srv.url, person());
  const token = json.registration.token;
  const s = await formSession(`${srv.url}/me/${token}/ocop`);
  assert.equal(s.status, 200);
  return { token, csrf: s.csrf, cookie: s.cookie };
}

async function start(p, name = 'Xoài sấy dẻo "Cát Chu" <đặc sản>') {
  const res = await postForm(`${srv.url}/me/${p.token}/ocop`,
    { csrf: p.csrf, set: SET, product_name: name }, { cookie: p.cookie });
  assert.equal(res.status, 303);
  const m = new RegExp(`^/me/${p.token}/ocop/(\\d+)$`).exec(res.headers.get('location'));
  assert.ok(m, res.headers.get('location'));
  return { ...p, id: m[1], path: `${srv.url}/me/${p.token}/ocop/${m[1]}`, name };
}

test('criteria load stores the set; list and a restarted server show it; a bad file changes nothing', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-crit-'));
  const db = join(dir, 'ocop.db');
  try {
    const good = { ...sheet, id: 'test-che-bien', title: 'Bộ thử nghiệm', version: 1 };
    writeFileSync(join(dir, 'good.json'), JSON.stringify(good));
    assert.match(ocop(['criteria', '--db', db, 'load', join(dir, 'good.json')]),
      /ok: set test-che-bien version 1 stored/);
    assert.match(ocop(['criteria', '--db', db, 'list']), /^test-che-bien\t1\tloaded\t/m);
    assert.equal(sql(db, "select id || ' ' || version from criteria_sets"), 'test-che-bien 1');

    const bad = structuredClone(good);
    bad.version = 2;
    bad.criteria[0].options[1].points = 99;
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    const r = spawnSync(BIN, ['criteria', '--db', db, 'load', join(dir, 'bad.json')], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /criteria\[0\] '1\.1': option 2 has 99 points, over the criterion's maximum 3/);
    const same = spawnSync(BIN, ['criteria', '--db', db, 'load', join(dir, 'good.json')], { encoding: 'utf8' });
    assert.equal(same.status, 2);
    assert.match(same.stderr, /needs a higher version than 1/);
    assert.equal(sql(db, 'select count(*) from criteria_sets'), '1');
    assert.match(ocop(['criteria', '--db', db, 'list']), /^test-che-bien\t1\t/m);

    const s2 = await startServer({ dir, db });
    try {
      const html = await (await fetch(`${s2.url}/ocop`)).text();
      assert.match(html, /href="\/ocop\?set=test-che-bien"/);
      assert.equal((await fetch(`${s2.url}/ocop?set=test-che-bien`)).status, 200);
    } finally { await s2.stop({ keep: true }); }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('the personal page links to the self-assessment', async () => {
  const p = await participant();
  const html = await (await fetch(`${srv.url}/me/${p.token}`)).text();
  assert.ok(html.includes(`href="/me/${p.token}/ocop"`));
});

test('start, save part, resume, complete: total and stars as the set says, PDF with the product', async () => {
  const p = await start(await participant());
  const ans = answers();
  const codes = Object.keys(ans);
  const first = Object.fromEntries(codes.slice(0, 10).map((c) => [c, ans[c]]));

  let res = await post(p.path, fields(first, { csrf: p.csrf, product_name: p.name,
    producer: 'HTX Xoài Cát Hòa Lộc', province_code: '79', action: 'save', doc: '1' }), p.cookie);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/me/${p.token}/ocop/${p.id}?saved=1`);
  assert.equal(sql(srv.db, `select total is null from ocop_assessments where id = ${p.id}`), '1');
  assert.deepEqual(JSON.parse(sql(srv.db, `select answers from ocop_assessments where id = ${p.id}`)), first);

  // Resume: the saved answers are checked, the rest are not; the text is escaped.
  let html = await (await fetch(`${p.path}?saved=1`)).text();
  assert.match(html, /Đã lưu/);
  for (const c of codes.slice(0, 10)) assert.ok(html.includes(`value="${c}:${ans[c]}" checked`), c);
  assert.ok(!html.includes(`value="${codes[10]}:${ans[codes[10]]}" checked`));
  assert.ok(html.includes('value="Xoài sấy dẻo &quot;Cát Chu&quot; &lt;đặc sản&gt;"'));
  assert.ok(html.includes('name="doc" value="1" checked'));
  assert.match(html, /Đã trả lời <strong>10\/31<\/strong>/);
  assert.ok(text(html).includes(sheet.criteria[0].guidance), 'guidance beside the options');
  assert.ok(text(html).includes(sheet.criteria.find((c) => c.condition).condition.description));

  // "Xem kết quả" while incomplete: saved, then the form marks what is left.
  res = await post(p.path, fields(first, { csrf: p.csrf, product_name: p.name, action: 'result' }), p.cookie);
  assert.equal(res.headers.get('location'), `/me/${p.token}/ocop/${p.id}?check=1#missing`);
  html = await (await fetch(`${p.path}?check=1`)).text();
  const left = missing(sheet, first);
  assert.ok(left > 0 && left <= 21);
  assert.match(html, new RegExp(`Còn ${left} tiêu chí chưa trả lời`));
  assert.equal((html.match(/class="crit bad"/g) || []).length, left);
  assert.equal((await fetch(`${p.path}/result`, { redirect: 'manual' })).status, 303);

  res = await post(p.path, fields(ans, { csrf: p.csrf, product_name: p.name,
    producer: 'HTX Xoài Cát Hòa Lộc', province_code: '79', action: 'result', doc: '3' }), p.cookie);
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), `/me/${p.token}/ocop/${p.id}/result`);
  const want = expected(sheet, ans);
  assert.equal(sql(srv.db, `select total || ' ' || stars from ocop_assessments where id = ${p.id}`),
    `${want.total} ${want.stars}`);

  res = await fetch(`${p.path}/result`);
  assert.equal(res.status, 200);
  assertHeaders(res, 'result');
  html = await res.text();
  assert.match(html, new RegExp(`<strong id="total">${want.total}</strong>/100`));
  assert.match(html, new RegExp(`Dự kiến đạt ${want.stars} sao`));
  assert.match(html, /Nên cải thiện trước/);
  assert.match(text(html), /Hồ sơ : đã có 1\/19|Hồ sơ: đã có 1\/19/);
  assert.match(html, /class="miss"/);

  res = await fetch(`${p.path}/report.pdf`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/pdf');
  const pdf = Buffer.from(await res.arrayBuffer());
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const txt = execFileSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8' });
  assert.ok(txt.includes('PHIẾU TỰ ĐÁNH GIÁ SẢN PHẨM OCOP'));
  assert.ok(txt.includes('Xoài sấy dẻo "Cát Chu" <đặc sản>'), 'product name in the PDF');
  assert.ok(txt.includes(`TỔNG ĐIỂM: ${want.total}/100`), 'total in the PDF');
  assert.ok(txt.includes('CHỦ THỂ TỰ ĐÁNH GIÁ'));
});

test('bad answers are refused with the exact reason, and nothing is saved', async () => {
  const p = await start(await participant());
  const base = { csrf: p.csrf, product_name: 'Mứt gừng', action: 'save' };
  const before = sql(srv.db, `select answers || updated_at from ocop_assessments where id = ${p.id}`);
  const cases = [
    [[['c:1.1', '1.2:2']], "Phương án &#39;1.2:2&#39; không thuộc tiêu chí 1.1."],
    [[['c:1.1', '1.1:2'], ['c:1.1', '1.1:3']], 'Tiêu chí 1.1 được trả lời hai lần.'],
    [[['c:1.1', '1.1:9']], 'Tiêu chí 1.1 không có phương án &#39;1.1:9&#39; (chỉ có 4 phương án).'],
    [[['c:99.9', '99.9:1']], 'Bộ tiêu chí này không có tiêu chí &#39;99.9&#39;.'],
    [[['doc', '77']], 'Tài liệu &#39;77&#39; không có trong danh mục hồ sơ.'],
    [[['province_code', 'zz']], 'Mã tỉnh, thành phố &#39;zz&#39; không đúng.'],
  ];
  for (const [pairs, reason] of cases) {
    const body = new URLSearchParams(base);
    for (const [k, v] of pairs) body.append(k, v);
    const res = await post(p.path, body, p.cookie);
    assert.equal(res.status, 422, reason);
    const html = await res.text();
    assert.ok(html.includes(reason), `${reason} in:\n${text(html).slice(0, 400)}`);
  }
  assert.equal(sql(srv.db, `select answers || updated_at from ocop_assessments where id = ${p.id}`), before);
});

test("a token reaches only its own assessments; unknown ones are 404", async () => {
  const p = await start(await participant());
  const q = await participant();
  for (const path of ['', '/result', '/report.pdf'])
    assert.equal((await fetch(`${srv.url}/me/${q.token}/ocop/${p.id}${path}`)).status, 404, path);
  assert.equal((await fetch(`${srv.url}/me/${p.token}/ocop/999999`)).status, 404);
  assert.equal((await fetch(`${srv.url}/me/${p.token}/ocop/01`)).status, 404);
  assert.equal((await fetch(`${srv.url}/me/nope/ocop`)).status, 404);
  const res = await post(`${srv.url}/me/${q.token}/ocop/${p.id}`,
    new URLSearchParams({ csrf: q.csrf, action: 'save' }), q.cookie);
  assert.equal(res.status, 404);
});

test('public demo scores without saving anything', async () => {
  const rows = sql(srv.db, 'select count(*) from ocop_assessments');
  let res = await fetch(`${srv.url}/ocop`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), new RegExp(`href="/ocop\\?set=${SET}"`));
  assert.equal((await fetch(`${srv.url}/ocop?set=nope`)).status, 404);

  const s = await formSession(`${srv.url}/ocop?set=${SET}`);
  assert.equal(s.status, 200);
  const ans = answers();
  const want = expected(sheet, ans);
  res = await post(`${srv.url}/ocop`, fields(ans, { csrf: s.csrf, set: SET, version: '1',
    product_name: 'Chuối sấy' }), s.cookie);
  assert.equal(res.status, 200);
  let html = await res.text();
  assert.match(html, new RegExp(`<strong id="total">${want.total}</strong>/100`));
  assert.match(html, /kết quả này không được lưu/);
  assert.ok(!html.includes('report.pdf'));

  // A knock-out: eliminated, no stars, the reason listed.
  res = await post(`${srv.url}/ocop`, fields({ ...ans, '1.1': 1 }, { csrf: s.csrf, set: SET, version: '1' }), s.cookie);
  html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /Sản phẩm bị loại/);
  assert.match(html, /<strong>1\.1 Nguồn nguyên liệu<\/strong>: toàn bộ nguyên liệu nhập khẩu/);

  // Incomplete: the form again, the unanswered marked.
  res = await post(`${srv.url}/ocop`, fields({ '1.1': 2 }, { csrf: s.csrf, set: SET, version: '1' }), s.cookie);
  assert.equal(res.status, 422);
  assert.match(await res.text(), new RegExp(`Còn ${missing(sheet, { '1.1': 2 })} tiêu chí chưa trả lời`));
  res = await post(`${srv.url}/ocop`, fields(ans, { csrf: s.csrf, set: SET, version: '7' }), s.cookie);
  assert.equal(res.status, 422);
  res = await post(`${srv.url}/ocop`, fields(ans, { set: SET, version: '1' }), s.cookie);
  assert.equal(res.status, 403, 'CSRF checked');
  assert.equal(sql(srv.db, 'select count(*) from ocop_assessments'), rows);
});

async function login(email, password) {
  const s = await formSession(`${srv.url}/admin/login`);
  const res = await postForm(`${srv.url}/admin/login`, { csrf: s.csrf, email, password }, { cookie: s.cookie });
  assert.equal(res.status, 303);
  const session = res.headers.getSetCookie().find((c) => c.startsWith('ocop_session='));
  return session.split(';')[0];
}

function account(role) {
  const email = `${role}.${process.pid}.${Math.random().toString(36).slice(2, 8)}@ocop.test`;
  const out = ocop(['admin', '--db', srv.db, 'add', email, '--role', role]);
  return { email, password: /password: (\S+)/.exec(out)[1] };
}

test('organisers: counts, stars by province and category, low criteria, XLSX; roles', async () => {
  const page = `${srv.url}/admin/series/ocop-2021/ocop`;
  const r0 = await fetch(page, { redirect: 'manual' });
  assert.equal(r0.status, 303);
  assert.match(r0.headers.get('location'), /^\/admin\/login\?next=/);

  // One more complete assessment, of a product from Huế (46).
  const p = await start(await participant());
  const ans = answers();
  await post(p.path, fields(ans, { csrf: p.csrf, product_name: 'Mè xửng', province_code: '46', action: 'save' }), p.cookie);
  const want = expected(sheet, ans);

  const viewer = account('viewer');
  const cookie = await login(viewer.email, viewer.password);
  assert.equal((await fetch(page, { headers: { Cookie: cookie } })).status, 403, 'not a member');
  const uid = sql(srv.db, `select id from users where email = '${viewer.email}'`);
  sql(srv.db, `insert into series_members (series_id, user_id) select id, ${uid} from series where slug = 'ocop-2021'`);

  const res = await fetch(page, { headers: { Cookie: cookie } });
  assert.equal(res.status, 200);
  const html = await res.text();
  const people = sql(srv.db, `select count(distinct a.registration_id) from ocop_assessments a join registrations r on r.id = a.registration_id join series s on s.id = r.series_id where s.slug = 'ocop-2021'`);
  const complete = sql(srv.db, `select count(*) from ocop_assessments where stars is not null`);
  assert.match(html, new RegExp(`<strong id="participants">${people}</strong>`));
  assert.match(html, new RegExp(`<strong id="complete">${complete}</strong>`));
  const huế = /<table class="grid" id="by-province">[\s\S]*?<\/table>/.exec(html)[0];
  const row = /<tr><td>Huế<\/td>((?:<td class="num">\d+<\/td>)+)<\/tr>/.exec(huế);
  assert.ok(row, huế);
  const cells = [...row[1].matchAll(/>(\d+)</g)].map((m) => Number(m[1]));
  assert.equal(cells[5 - want.stars], 1, `one ${want.stars}-star product in Huế`);
  assert.match(html, /id="by-category"[\s\S]*Doanh nghiệp/);
  assert.match(html, /id="low"[\s\S]*Chế biến từ rau, củ, quả, hạt/);
  assert.match(html, /<svg class="bars"/);

  const x = await fetch(`${page}.xlsx`, { headers: { Cookie: cookie } });
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const bytes = Buffer.from(await x.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  assert.ok(bytes.length > 2000);
  assert.equal((await fetch(`${srv.url}/admin/series/nope/ocop`, { headers: { Cookie: cookie } })).status, 404);
});
