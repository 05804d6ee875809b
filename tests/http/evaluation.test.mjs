// Evaluations: the participant's side, over HTTP, on the live demo series
// (its first session's evaluation is open now; ocop-2021's are all closed).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, formSession, postForm } from '../lib/server.mjs';
import { person, apiRegister, sql } from '../lib/ocop.mjs';

let srv, live, old;

async function getJson(path) {
  const res = await fetch(srv.url + path);
  return { res, json: await res.json() };
}

async function submit(token, id, body) {
  const res = await fetch(`${srv.url}/api/v1/me/${token}/evaluations/${id}/submissions`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { res, json: await res.json() };
}

// Answers that are all correct for the graded questions; we know which are
// correct from the database, as an organiser would.
function correctAnswers(ev) {
  const answers = {};
  for (const q of ev.questions) {
    if (q.kind === 'rating') answers[q.id] = 4;
    else if (q.kind === 'text') continue;
    else {
      const right = sql(srv.db, `select id from options where question_id = ${q.id} and correct = 1`)
        .split('\n').filter(Boolean).map(Number);
      answers[q.id] = q.kind === 'single' ? right[0] : right;
    }
  }
  return answers;
}

before(async () => {
  srv = await startServer({ live: true });
  live = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  old = (await apiRegister(srv.url, person(), 'ocop-2021')).json.registration.token;
});
after(async () => { await srv.stop(); });

async function openEval(token = live) {
  const { json } = await getJson(`/api/v1/me/${token}/evaluations`);
  const open = json.evaluations.find((e) => e.status === 'open');
  assert.ok(open, 'the live series has an open evaluation');
  return (await getJson(`/api/v1/me/${token}/evaluations/${open.id}`)).json;
}

test('the list shows every evaluation of the series with its window', async () => {
  const { res, json } = await getJson(`/api/v1/me/${live}/evaluations`);
  assert.equal(res.status, 200);
  assert.equal(json.evaluations.length, 9); // 8 sessions and a final test
  assert.equal(json.evaluations.filter((e) => e.status === 'open').length, 1);
  const closed = (await getJson(`/api/v1/me/${old}/evaluations`)).json.evaluations;
  assert.ok(closed.every((e) => e.status === 'closed'));
});

test('a full submission is scored, and a replay of its form_id stores nothing new', async () => {
  const p = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(p);
  assert.equal(ev.form_id.length, 22);
  assert.ok(ev.questions.length >= 7);
  const body = { form_id: ev.form_id, answers: correctAnswers(ev) };
  const first = await submit(p, ev.id, body);
  assert.equal(first.res.status, 201);
  assert.equal(first.json.submission.score, first.json.submission.max_score);
  assert.equal(first.json.submission.passed, true);
  const again = await submit(p, ev.id, body);
  assert.equal(again.res.status, 200);
  assert.equal(again.json.replayed, true);
  assert.deepEqual(again.json.submission, first.json.submission);
  const n = sql(srv.db, `select count(*) from submissions s join registrations r on r.id = s.registration_id where r.token = '${p}'`);
  assert.equal(n, '1');
  // a second, different submission is refused (changes are not allowed)
  const fresh = (await getJson(`/api/v1/me/${p}/evaluations/${ev.id}`)).json.form_id;
  const second = await submit(p, ev.id, { form_id: fresh, answers: correctAnswers(ev) });
  assert.equal(second.res.status, 409);
  assert.match(second.json.error, /nộp/);
});

test('wrong answers score less and can fail', async () => {
  const p = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(p);
  const answers = correctAnswers(ev);
  for (const q of ev.questions) {
    if (q.kind === 'single') {
      const right = answers[q.id];
      answers[q.id] = q.options.find((o) => o.id !== right).id;
    }
  }
  const r = await submit(p, ev.id, { form_id: ev.form_id, answers });
  assert.equal(r.res.status, 201);
  assert.ok(r.json.submission.score < r.json.submission.max_score);
});

test('bad answers are refused and nothing partial is stored', async () => {
  const p = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(p);
  const good = correctAnswers(ev);
  const single = ev.questions.find((q) => q.kind === 'single');
  const rating = ev.questions.find((q) => q.kind === 'rating');
  const text = ev.questions.find((q) => q.kind === 'text');
  const other = ev.questions.find((q) => q.id !== single.id && q.options.length);
  const cases = [
    [{ ...good, [rating.id]: 7 }, rating.id],
    [{ ...good, [single.id]: other.options[0].id }, single.id],
    [{ ...good, 999999: 1 }, '999999'],
    [{ ...good, [text.id]: 'x'.repeat(50 * 1024) }, text.id],
    [{ ...good, [single.id]: [single.options[0].id] }, single.id],
  ];
  for (const [answers, key] of cases) {
    const r = await submit(p, ev.id, { form_id: ev.form_id, answers });
    assert.equal(r.res.status, 422, JSON.stringify(r.json));
    assert.ok(r.json.errors[String(key)], `an error for question ${key}`);
  }
  const r = await submit(p, ev.id, { form_id: 'short', answers: good });
  assert.equal(r.res.status, 422);
  const malformed = await submit(p, ev.id, '{"form_id": ');
  assert.equal(malformed.res.status, 400);
  const rows = sql(srv.db, `select count(*) from submissions s join registrations r on r.id = s.registration_id where r.token = '${p}'`);
  assert.equal(rows, '0');
});

test('a closed evaluation and another series\' evaluation are refused', async () => {
  const list = (await getJson(`/api/v1/me/${old}/evaluations`)).json.evaluations;
  const closed = (await getJson(`/api/v1/me/${old}/evaluations/${list[0].id}`)).json;
  const r = await submit(old, closed.id, { form_id: closed.form_id, answers: {} });
  assert.equal(r.res.status, 409);
  assert.match(r.json.error, /đóng/);
  const ev = await openEval(live);
  const cross = await getJson(`/api/v1/me/${old}/evaluations/${ev.id}`);
  assert.equal(cross.res.status, 404);
  const post = await submit(old, ev.id, { form_id: ev.form_id, answers: correctAnswers(ev) });
  assert.equal(post.res.status, 404);
  const bad = await getJson(`/api/v1/me/not-a-token/evaluations`);
  assert.equal(bad.res.status, 404);
});

test('a form id used by one participant cannot be replayed by another', async () => {
  const a = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const b = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(a);
  const body = { form_id: ev.form_id, answers: correctAnswers(ev) };
  assert.equal((await submit(a, ev.id, body)).res.status, 201);
  const r = await submit(b, ev.id, body);
  assert.equal(r.res.status, 409);
});

test('concurrent submissions of one form (a double tap) store it once', async () => {
  const p = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(p);
  const body = { form_id: ev.form_id, answers: correctAnswers(ev) };
  const results = await Promise.all([1, 2, 3, 4, 5].map(() => submit(p, ev.id, body)));
  const codes = results.map((r) => r.res.status).sort();
  assert.deepEqual(codes, [200, 200, 200, 200, 201]);
  const rows = sql(srv.db, `select count(*) from answers a join submissions s on s.id = a.submission_id join registrations r on r.id = s.registration_id where r.token = '${p}'`);
  assert.ok(Number(rows) >= ev.questions.length - 1);
});

test('the HTML form: submit, see the score, a re-post of the same form is recorded once', async () => {
  const p = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(p);
  const page = await formSession(`${srv.url}/me/${p}/evaluations/${ev.id}`);
  assert.equal(page.status, 200);
  assert.ok(Buffer.byteLength(page.html) < 30 * 1024, 'under 30 KB');
  const formId = /name="form_id" value="([^"]+)"/.exec(page.html)[1];
  const fields = new URLSearchParams({ csrf: page.csrf, form_id: formId });
  for (const [qid, v] of Object.entries(correctAnswers(ev))) {
    for (const x of [].concat(v)) fields.append(`q${qid}`, String(x));
  }
  const post = () => fetch(`${srv.url}/me/${p}/evaluations/${ev.id}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: page.cookie },
    body: fields.toString(),
  });
  const r1 = await post();
  const html = await r1.text();
  assert.equal(r1.status, 200);
  assert.match(html, /Đã ghi nhận bài làm/);
  assert.match(html, /Đạt/);
  const r2 = await post();
  assert.equal(r2.status, 200);
  assert.match(await r2.text(), /đã được ghi nhận trước đó/);
  // without the CSRF token: refused
  const forged = await postForm(`${srv.url}/me/${p}/evaluations/${ev.id}`, { form_id: formId });
  assert.equal(forged.status, 403);
});

test('the HTML form keeps answers and marks the unanswered question', async () => {
  const p = (await apiRegister(srv.url, person(), 'ocop-live')).json.registration.token;
  const ev = await openEval(p);
  const page = await formSession(`${srv.url}/me/${p}/evaluations/${ev.id}`);
  const formId = /name="form_id" value="([^"]+)"/.exec(page.html)[1];
  const answers = correctAnswers(ev);
  const single = ev.questions.find((q) => q.kind === 'single');
  delete answers[single.id];
  const fields = new URLSearchParams({ csrf: page.csrf, form_id: formId });
  for (const [qid, v] of Object.entries(answers)) for (const x of [].concat(v)) fields.append(`q${qid}`, String(x));
  const r = await fetch(`${srv.url}/me/${p}/evaluations/${ev.id}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: page.cookie },
    body: fields.toString(),
  });
  assert.equal(r.status, 422);
  const html = await r.text();
  assert.match(html, /Xin trả lời câu này/);
  assert.match(html, / checked/);
});

test('the short link /e/{code} mails the personal link; it never shows it, nor who is registered', async () => {
  const p = person();
  const reg = (await apiRegister(srv.url, p, 'ocop-live')).json.registration;
  const ev = await openEval(reg.token);
  const code = sql(srv.db, `select code from evaluations where id = ${ev.id}`);
  const page = await formSession(`${srv.url}/e/${code.toUpperCase()}`);
  assert.equal(page.status, 200);
  const send = (email) => fetch(`${srv.url}/e/${code}`, {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: page.cookie },
    body: new URLSearchParams({ csrf: page.csrf, email }).toString(),
  });
  const known = await send(p.email.toUpperCase());
  const knownHtml = await known.text();
  assert.equal(known.status, 200);
  assert.ok(!knownHtml.includes(reg.token), 'the link is mailed, not shown');
  const unknown = await send('nobody.here@example.vn');
  assert.equal(unknown.status, 200);
  const strip = (h) => h.replace(/name="csrf" value="[^"]*"/, '');
  assert.equal(strip(await unknown.text()), strip(knownHtml), 'the same answer either way');
  assert.equal(sql(srv.db, `select count(*) from outbox where reason = 'link' and to_addr = '${p.email}'`), '1');
  assert.ok(sql(srv.db, `select body_text from outbox where reason = 'link' and to_addr = '${p.email}'`).includes(`/me/${reg.token}/evaluations/${ev.id}`));
  assert.equal((await send('not an email')).status, 422);
  assert.equal((await fetch(`${srv.url}/e/zzzzzzz`)).status, 404);
});
