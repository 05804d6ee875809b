// durability.test.mjs: an acknowledged registration survives kill -9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer } from '../lib/server.mjs';
import { person, apiRegister, webRegister, text } from '../lib/ocop.mjs';

async function crashAndRestart(srv) {
  const res = await srv.stop({ keep: true, signal: 'SIGKILL' });
  assert.equal(res.sig, 'SIGKILL');
  return startServer({ demo: false, dir: srv.dir });
}

test('a registration answered 201 is still there after kill -9 and restart', async () => {
  let srv = await startServer();
  const p = person({ full_name: 'Trịnh Công Sơn' });
  const { res, json } = await apiRegister(srv.url, p);
  assert.equal(res.status, 201);
  const token = json.registration.token;
  srv = await crashAndRestart(srv);
  try {
    const me = await fetch(`${srv.url}/me/${token}`);
    assert.equal(me.status, 200);
    assert.ok(text(await me.text()).includes('Trịnh Công Sơn'));
    const ics = await fetch(`${srv.url}/me/${token}/calendar.ics`);
    assert.equal(ics.status, 200);
    assert.equal(((await ics.text()).match(/BEGIN:VEVENT/g) || []).length, 8);
    const dup = await apiRegister(srv.url, p);
    assert.equal(dup.res.status, 409, 'the e-mail is still taken');
  } finally { await srv.stop(); }
});

test('a form registration answered 303 survives kill -9, and so do 25 concurrent API ones', async () => {
  let srv = await startServer();
  const web = await webRegister(srv.url, person({ full_name: 'Lý Thường Kiệt' }));
  assert.equal(web.res.status, 303);
  const answers = await Promise.all(Array.from({ length: 25 }, () => apiRegister(srv.url, person())));
  const tokens = answers.filter((a) => a.res.status === 201).map((a) => a.json.registration.token);
  assert.equal(tokens.length, 25);
  srv = await crashAndRestart(srv);
  try {
    const me = await fetch(`${srv.url}/me/${web.token}`);
    assert.equal(me.status, 200);
    assert.ok(text(await me.text()).includes('Lý Thường Kiệt'));
    for (const t of tokens) assert.equal((await fetch(`${srv.url}/me/${t}`)).status, 200, t);
    const series = await (await fetch(`${srv.url}/api/v1/series/ocop-2021`)).json();
    assert.equal(series.registration_count, 26);
  } finally { await srv.stop(); }
});

test('a restart after kill -9 keeps the demo as it was (no duplicate sessions)', async () => {
  let srv = await startServer();
  srv = await crashAndRestart(srv);
  try {
    const s = await (await fetch(`${srv.url}/api/v1/series/ocop-2021`)).json();
    assert.equal(s.sessions.length, 8);
  } finally {
    await srv.stop();
    rmSync(srv.dir, { recursive: true, force: true });
  }
});
