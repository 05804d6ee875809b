// server.mjs: start the real `ocop serve` on a free port with a fresh
// database (demo loaded), for HTTP and browser tests.
//   const srv = await startServer({ demo: true });  srv.url, srv.db, srv.stop()
// srv.db is what `--db` takes: a SQLite path, or, when OCOP_TEST_PG names a
// PostgreSQL server (postgresql://USER@HOST:PORT/postgres, see
// tools/pg-test.sh), the URL of a database made for this server alone
// (ocop_test_<random>), dropped by stop().
import { spawn, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.OCOP_BIN || new URL('../../build/ocop', import.meta.url).pathname;
export const PG = process.env.OCOP_TEST_PG || '';

// Runs SQL on the PostgreSQL server's maintenance database (tests only).
export function pgAdmin(sql, url = PG) {
  return execFileSync('psql', [url, '-qAtX', '-v', 'ON_ERROR_STOP=1', '-c', sql],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

// A new, empty PostgreSQL database; returns its URL.
export function pgCreateDb() {
  const name = 'ocop_test_' + randomBytes(6).toString('hex');
  pgAdmin(`CREATE DATABASE ${name}`);
  const u = new URL(PG);
  u.pathname = '/' + name;
  return u.toString();
}

export function pgDropDb(url) {
  const name = new URL(url).pathname.slice(1);
  if (/^ocop_test_[0-9a-f]+$/.test(name)) pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

// The database for a test directory: made once, remembered in the directory
// so that a server started again on the same `dir` finds the same data.
function testDb(tmp) {
  if (!PG) return join(tmp, 'ocop.db');
  const f = join(tmp, 'pg-url');
  if (existsSync(f)) return readFileSync(f, 'utf8').trim();
  const url = pgCreateDb();
  writeFileSync(f, url + '\n');
  return url;
}

function removeTestDir(tmp, db, shared) {
  if (PG && !shared) pgDropDb(db);
  rmSync(tmp, { recursive: true, force: true });
}

export function ocop(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

// `db` names a database the caller owns (several servers on one database);
// stop() then leaves it alone.
export async function startServer({ demo = true, live = false, env = {}, dir, db: shared } = {}) {
  const tmp = dir || mkdtempSync(join(tmpdir(), 'ocop-test-'));
  const db = shared || testDb(tmp);
  if (demo) ocop(['demo', '--db', db, ...(live ? ['--live'] : [])]);
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...(env.args || [])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start:\n' + log)), 10000);
    proc.stderr.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/[0-9.]+:\d+)\//.exec(log);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}:\n${log}`)); });
  });
  proc.stderr.on('data', () => {});
  return {
    url, db, dir: tmp, proc,
    log: () => log,
    async stop({ keep = false, signal = 'SIGTERM' } = {}) {
      if (proc.exitCode === null) {
        const done = new Promise((r) => proc.on('exit', (code, sig) => r({ code, sig })));
        proc.kill(signal);
        const res = await done;
        if (!keep) removeTestDir(tmp, db, shared);
        return res;
      }
      if (!keep) removeTestDir(tmp, db, shared);
      return { code: proc.exitCode };
    },
  };
}

// GET a form page and return { csrf, cookie } for a later POST.
export async function formSession(url) {
  const res = await fetch(url);
  const html = await res.text();
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { csrf: m && m[1], cookie, html, status: res.status };
}

export async function postForm(url, fields, { cookie } = {}) {
  return fetch(url, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}
