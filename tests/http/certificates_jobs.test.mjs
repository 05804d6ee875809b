// Certificates, the hard cases: a server killed (SIGKILL) in the middle of
// an issue job resumes on restart, and one stopped (SIGTERM) does too, and
// in the end serials run 1..N, each once; verification look-ups are rate
// limited per address so that codes cannot be guessed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync, spawn } from 'node:child_process';
import { startServer, BIN } from '../lib/server.mjs';

// Servers a failed test left running are stopped all the same.
const servers = [];
const track = (srv) => { servers.push(srv); return srv; };
import { sql } from '../lib/ocop.mjs';
import { addAccount, login } from '../lib/admin.mjs';
import { bulkRegister, waitJob, consolePost, seriesId } from '../lib/certs.mjs';

const N = 1500;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const count = (db) => Number(sql(db, 'select count(*) from certificates'));

// Waits until more than `from` certificates are in (some batches, maybe all).
async function midJob(db, from = 0) {
  for (let i = 0; i < 6000; i++) {
    const n = count(db);
    if (n > from) return n;
    await sleep(10);
  }
  throw new Error('the job did not start');
}

test('kill the server mid-job, restart: the job resumes, serials 1..N each once', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-certjob-'));
  let srv = track(await startServer({ dir }));
  bulkRegister(srv.db, N);
  sql(srv.db, `update certificate_rules set final_need = 0, sessions_min = 0 where series_id = ${seriesId(srv.db)}`);
  const pw = addAccount(srv, 'admin@example.vn', 'admin');
  const s = await login(srv.url, 'admin@example.vn', pw);
  assert.equal((await consolePost(srv, s, '/admin/series/ocop-2021/certificates/issue', {})).status, 303);

  const seen = await midJob(srv.db);
  await srv.stop({ keep: true, signal: 'SIGKILL' });
  const after = count(srv.db);
  assert.ok(seen < N, `killed mid-job (${seen} of ${N} issued): make N larger if this fails`);
  assert.equal(after % 100, 0, 'a crash loses a whole batch or none');
  assert.equal(sql(srv.db, 'select state || ' + "'/'" + ' || done from cert_jobs'), `running/${after}`);

  // Restart: the runner finds the job and resumes it.  Then a polite stop
  // (SIGTERM) in the middle, and a third start that finishes.
  srv = track(await startServer({ dir, demo: false }));
  const mid = await midJob(srv.db, after);
  if (mid < N) {
    const t0 = Date.now();
    const { code } = await srv.stop({ keep: true, signal: 'SIGTERM' });
    assert.equal(code, 0);
    assert.ok(Date.now() - t0 < 10000, 'stops within a batch');
    srv = track(await startServer({ dir, demo: false }));
  }
  assert.equal(await waitJob(srv.db, 'ocop-2021', 120000), 'done');
  assert.equal(sql(srv.db, 'select count(*) || \'/\' || count(distinct serial_no) || \'/\' || min(serial_no) || \'/\' || max(serial_no) || \'/\' || count(distinct registration_id) || \'/\' || count(distinct code) from certificates'),
    `${N}/${N}/1/${N}/${N}/${N}`);
  assert.equal(sql(srv.db, 'select done || \'/\' || total from cert_jobs'), `${N}/${N}`);
  assert.equal(sql(srv.db, "select serial from certificates where serial_no = 1500"), 'OCOP-2021-001500');
  // Nothing left: issuing again changes nothing.
  const r = spawnSync(BIN, ['certificates', 'issue', '--series', 'ocop-2021', '--db', srv.db], { encoding: 'utf8' });
  assert.match(r.stdout, /0 certificates issued/);
  assert.equal(count(srv.db), N);
  await srv.stop();
});

test('the server and the command line issuing at once: one gives way, nothing doubles', async () => {
  const srv = track(await startServer());
  const n = 600;
  bulkRegister(srv.db, n);
  sql(srv.db, `update certificate_rules set final_need = 0, sessions_min = 0 where series_id = ${seriesId(srv.db)}`);
  const pw = addAccount(srv, 'admin@example.vn', 'admin');
  const s = await login(srv.url, 'admin@example.vn', pw);
  assert.equal((await consolePost(srv, s, '/admin/series/ocop-2021/certificates/issue', {})).status, 303);
  const cli = spawn(BIN, ['certificates', 'issue', '--series', 'ocop-2021', '--db', srv.db], { stdio: 'ignore' });
  await new Promise((r) => cli.on('exit', r));
  assert.equal(await waitJob(srv.db, 'ocop-2021', 120000), 'done');
  assert.equal(sql(srv.db, 'select count(*) || \'/\' || count(distinct serial_no) || \'/\' || max(serial_no) || \'/\' || count(distinct registration_id) from certificates'),
    `${n}/${n}/${n}/${n}`);
  await srv.stop();
});

test('verification look-ups are rate limited per address', async () => {
  const srv = track(await startServer());
  bulkRegister(srv.db, 1);
  sql(srv.db, `update certificate_rules set final_need = 0, sessions_min = 0 where series_id = ${seriesId(srv.db)}`);
  const r = spawnSync(BIN, ['certificates', 'issue', '--series', 'ocop-2021', '--db', srv.db], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const code = sql(srv.db, 'select code from certificates');
  assert.equal((await fetch(`${srv.url}/verify/${code}`)).status, 200);
  // Twenty wrong guesses, by every door.
  const doors = [`/verify/${'Z'.repeat(20)}`, '/api/v1/certificates/ABCDEABCDEABCDEABCDE',
    '/verify?code=XXXXX', '/verify?serial=OCOP-2021-000009&name=A'];
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`${srv.url}${doors[i % 4]}`);
    assert.equal(res.status, 404, `guess ${i + 1}`);
  }
  const limited = await fetch(`${srv.url}/verify/${code}`);
  assert.equal(limited.status, 429, 'even a right code waits');
  assert.equal(limited.headers.get('retry-after'), '600');
  assert.match(await limited.text(), /quá nhiều lần/);
  const api = await fetch(`${srv.url}/api/v1/certificates/${code}`);
  assert.equal(api.status, 429);
  assert.match((await api.json()).error, /10 phút/);
  // The plain form still opens; the window passes.
  assert.equal((await fetch(`${srv.url}/verify`)).status, 200);
  sql(srv.db, 'update verify_failures set at = at - 601');
  assert.equal((await fetch(`${srv.url}/verify/${code}`)).status, 200);
  await srv.stop();
});

after(async () => {
  for (const srv of servers) await srv.stop().catch(() => {});
});
