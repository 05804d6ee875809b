// server.mjs: start the real `ocop serve` on a free port with a fresh
// database (demo loaded), for HTTP and browser tests.
//   const srv = await startServer({ demo: true });  srv.url, srv.db, srv.stop()
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = process.env.OCOP_BIN || new URL('../../build/ocop', import.meta.url).pathname;

export function ocop(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

export async function startServer({ demo = true, live = false, env = {}, dir } = {}) {
  const tmp = dir || mkdtempSync(join(tmpdir(), 'ocop-test-'));
  const db = join(tmp, 'ocop.db');
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
        if (!keep) rmSync(tmp, { recursive: true, force: true });
        return res;
      }
      if (!keep) rmSync(tmp, { recursive: true, force: true });
      return { code: proc.exitCode };
    },
  };
}

// GET a form page and return { csrf, cookie } for a later POST.
export async function formSession(url) {
  const res = await fetch(url);
  const html = await res.text();
  const m = /name="csrf" value="([^"]+)"/.exec(html);
  const cookie = (res.headers.get('set-cookie') || '').split(';')[0];
  return { csrf: m && m[1], cookie, html, status: res.status };
}

export async function postForm(url, fields, { cookie } = {}) {
  return fetch(url, {
    method: 'POST', redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}
