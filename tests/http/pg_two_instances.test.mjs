// pg_two_instances.test.mjs: two `ocop serve` on one PostgreSQL database
// share everything through it; migrations run from two processes at once;
// a PostgreSQL restart under load loses no acknowledged registration.
// Needs OCOP_TEST_PG (tools/pg-test.sh start); skipped, visibly, without it.
// The restart test also needs OCOP_PG_DIR (the cluster tools/pg-test.sh made).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { BIN, PG, ocop, pgAdmin, pgCreateDb, pgDropDb, startServer, formSession, postForm }
  from '../lib/server.mjs';

const skip = PG ? false : 'OCOP_TEST_PG not set: no PostgreSQL to run against';
const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;
let db, a, b;

before(async () => {
  if (skip) return;
  db = pgCreateDb();
  ocop(['demo', '--db', db]);
  [a, b] = await Promise.all([startServer({ db, demo: false }), startServer({ db, demo: false })]);
});

after(async () => {
  if (skip) return;
  await Promise.all([a && a.stop(), b && b.stop()]);
  pgDropDb(db);
});

function person(email) {
  return {
    full_name: 'Nguyễn Thị Cơ', email, phone: '0912345678', province_code: '01',
    category: 'cooperative', consent: true,
  };
}

function register(url, body) {
  return fetch(url + '/api/v1/series/ocop-2021/registrations', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
}

test('a participant registered on one instance is seen on the other', { skip }, async () => {
  const res = await register(a.url, person('hai.phien@example.vn'));
  assert.equal(res.status, 201);
  const { registration } = await res.json();
  const me = await fetch(b.url + '/me/' + registration.token);
  assert.equal(me.status, 200);
  assert.match(await me.text(), /Nguyễn Thị Cơ/);
  // The duplicate is refused by the other instance too.
  const again = await register(b.url, person('hai.phien@example.vn'));
  assert.equal(again.status, 409);
});

test('login sessions and CSRF secrets are shared', { skip }, async () => {
  const out = ocop(['admin', 'add', 'shared@example.vn', '--role', 'admin', '--db', db]);
  const password = /password: (\S+)/.exec(out)[1];
  const form = await formSession(a.url + '/admin/login');
  // The form comes from A, is posted to B: the CSRF key is the same.
  const res = await postForm(b.url + '/admin/login',
    { csrf: form.csrf, email: 'shared@example.vn', password }, { cookie: form.cookie });
  assert.equal(res.status, 303);
  const session = (res.headers.get('set-cookie') || '').split(';')[0];
  assert.match(session, /^ocop_session=./);
  const home = await fetch(a.url + '/admin', { headers: { Cookie: session }, redirect: 'manual' });
  assert.equal(home.status, 200);
});

test('mass mailing: two instances sending from one outbox never send the same message', { skip }, async () => {
  const { startSink, waitFor } = await import('../lib/smtp.mjs');
  const sink = await startSink();
  const mdb = pgCreateDb();
  const env = { OCOP_SMTP_URL: sink.url, OCOP_MAIL_RATE: '1000', OCOP_MAIL_BACKOFF: '1' };
  ocop(['demo', '--db', mdb]);
  const [x, y] = await Promise.all([startServer({ db: mdb, demo: false, env }),
    startServer({ db: mdb, demo: false, env })]);
  try {
    const N = 120;
    const emails = [];
    for (let i = 0; i < N; i++) {
      emails.push(`two.${i}@example.vn`);
      const res = await register(i % 2 ? x.url : y.url, { ...person(`two.${i}@example.vn`), phone: `09123${String(i).padStart(5, '0')}` });
      assert.equal(res.status, 201);
    }
    const { sql } = await import('../lib/ocop.mjs');
    await waitFor(() => Number(sql(mdb, "select count(*) from outbox where state = 'sent'")) === N, { timeout: 60000 });
    const got = sink.messages().filter((m) => emails.includes(m.to.addr));
    assert.equal(new Set(got.map((m) => m.message_id)).size, N, 'every message arrived');
    assert.equal(got.length, N, 'and none twice');
  } finally {
    await Promise.all([x.stop(), y.stop()]);
    await sink.stop();
    pgDropDb(mdb);
  }
});
test('certificates: a job started on one instance, resumed by the other at its start: gapless serials, none twice', { skip }, async () => {
  const { bulkRegister, seriesId, waitJob, consolePost } = await import('../lib/certs.mjs');
  const { addAccount, login } = await import('../lib/admin.mjs');
  const { sql } = await import('../lib/ocop.mjs');
  const cdb = pgCreateDb();
  ocop(['demo', '--db', cdb]);
  const n = 600;
  bulkRegister(cdb, n);
  sql(cdb, `update certificate_rules set final_need = 0, sessions_min = 0 where series_id = ${seriesId(cdb)}`);
  const x = await startServer({ db: cdb, demo: false });
  let y;
  try {
    const pw = addAccount(x, 'certs.two@example.vn', 'admin');
    const s = await login(x.url, 'certs.two@example.vn', pw);
    assert.equal((await consolePost(x, s, '/admin/series/ocop-2021/certificates/issue', {})).status, 303);
    y = await startServer({ db: cdb, demo: false }); // its runner takes up the running job too
    assert.equal(await waitJob(cdb, 'ocop-2021', 180000), 'done');
    assert.equal(sql(cdb, "select count(*) || '/' || count(distinct serial_no) || '/' || max(serial_no) || '/' || count(distinct registration_id) from certificates"),
      `${n}/${n}/${n}/${n}`);
  } finally {
    await Promise.all([x.stop(), y && y.stop()]);
    pgDropDb(cdb);
  }
});

test('ocop migrate from two processes at once applies each migration once', { skip }, async () => {
  const fresh = pgCreateDb();
  try {
    const outs = await Promise.all([run(BIN, ['migrate', '--db', fresh]),
      run(BIN, ['migrate', '--db', fresh])]);
    const applied = outs.map((o) => Number(/^(\d+) migration/.exec(o.stdout)[1]));
    assert.equal(Math.max(...applied), applied[0] + applied[1]); // one did all, one none
    assert.match(outs[0].stdout, /schema version (\d+)/);
    const rows = pgAdmin('SELECT count(*), count(DISTINCT version) FROM schema_migrations',
      fresh).trim();
    const [n, distinct] = rows.split('|').map(Number);
    assert.equal(n, distinct);
    assert.equal(n, Math.max(...applied));
  } finally {
    pgDropDb(fresh);
  }
});

test('a PostgreSQL restart under load loses no acknowledged registration', {
  skip: skip || (!process.env.OCOP_PG_DIR && 'OCOP_PG_DIR not set: cannot restart the cluster'),
  timeout: 60000,
}, async () => {
  const acked = new Set();
  const codes = {};
  let stop = false, n = 0;
  async function worker(w) {
    while (!stop) {
      const email = `load.${w}.${n++}@example.vn`;
      // A 503 (or a connection dropped) is retried until the answer is
      // final; 409 means an earlier, unanswered attempt did commit.
      for (let tries = 0; ; tries++) {
        const srv = (n + tries) % 2 ? a : b;
        let status = 0;
        try {
          status = (await register(srv.url, person(email))).status;
        } catch { status = -1; }
        codes[status] = (codes[status] || 0) + 1;
        if (status === 201 || status === 409) { acked.add(email); break; }
        assert.ok(status === 503 || status === -1, `unexpected status ${status}`);
        assert.ok(tries < 200, 'a retried registration never went through');
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  await new Promise((r) => setTimeout(r, 700));
  // Down for a second: requests in flight fail (503) and are retried.
  // (Asynchronously: the load goes on meanwhile.)
  await run(ROOT + 'tools/pg-test.sh', ['restart', process.env.OCOP_PG_DIR, '1']);
  await new Promise((r) => setTimeout(r, 1200));
  stop = true;
  await Promise.all(workers);
  const stored = new Set(pgAdmin(
    "SELECT email_norm FROM registrations WHERE email_norm LIKE 'load.%'", db).split('\n')
    .filter(Boolean));
  const lost = [...acked].filter((e) => !stored.has(e));
  assert.deepEqual(lost, [], `acknowledged but lost (answers: ${JSON.stringify(codes)})`);
  assert.ok(acked.size > 50, `too little load to mean anything: ${acked.size}`);
  assert.ok(codes[503] || codes[-1], `the restart went unnoticed: ${JSON.stringify(codes)}`);
  // Both instances still answer after the restart.
  assert.equal((await fetch(a.url + '/healthz')).status, 200);
  assert.equal((await fetch(b.url + '/healthz')).status, 200);
  console.log(`# restart under load: ${acked.size} registrations, answers ${JSON.stringify(codes)}`);
});
