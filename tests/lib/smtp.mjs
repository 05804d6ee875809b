// smtp.mjs: a real SMTP server for the tests (tests/tools/smtp_sink.py,
// aiosmtpd from Debian), and reading what it received.
//   const sink = await startSink({ dir });  sink.url, sink.port, sink.stop(),
//   sink.messages() -> [{file, env, ...read_eml.py JSON}]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('../tools/', import.meta.url).pathname;

export async function startSink({ dir = mkdtempSync(join(tmpdir(), 'ocop-sink-')), port = 0, args = [] } = {}) {
  const proc = spawn('/usr/bin/python3', [join(here, 'smtp_sink.py'), '--port', String(port), '--dir', dir, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const bound = await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('sink did not start: ' + out)), 10000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = /ready (\d+)/.exec(out);
      if (m) { clearTimeout(t); resolve(Number(m[1])); }
    });
    proc.on('exit', (c) => { clearTimeout(t); reject(new Error(`sink exited ${c}: ${out}`)); });
  });
  proc.stderr.on('data', () => {});
  const parsed = new Map(); // file -> parsed message (files never change)
  return {
    port: bound, dir, url: `smtp://127.0.0.1:${bound}`,
    files() { return readdirSync(dir).filter((f) => f.endsWith('.eml')).sort(); },
    messages() {
      return this.files().map((f) => {
        if (!parsed.has(f)) {
          parsed.set(f, {
            file: join(dir, f),
            ...JSON.parse(execFileSync('/usr/bin/python3', [join(here, 'read_eml.py'), join(dir, f)], { encoding: 'utf8' })),
          });
        }
        return parsed.get(f);
      });
    },
    async stop() {
      if (proc.exitCode !== null) return;
      const done = new Promise((r) => proc.on('exit', r));
      proc.kill('SIGTERM');
      await done;
    },
  };
}

export function fileSha256(path) {
  return JSON.parse(execFileSync('/usr/bin/python3', [join(here, 'read_eml.py'), '--sha256', path], { encoding: 'utf8' })).sha256;
}

export async function waitFor(fn, { timeout = 20000, every = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, every));
  }
}

export const readBytes = (p) => readFileSync(p);
