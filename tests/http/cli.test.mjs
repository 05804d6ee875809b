// cli.test.mjs: the `ocop` command line, as an operator uses it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer } from '../lib/server.mjs';
import { sql } from '../lib/ocop.mjs';

// A serve that wrongly starts is stopped after `timeout` ms (SIGKILL, so it
// cannot pass for a clean exit).
function ocop(args, env = {}, timeout = 10000) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout, killSignal: 'SIGKILL', env: { ...process.env, ...env } });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

function tmp() { return mkdtempSync(join(tmpdir(), 'ocop-cli-')); }

const oneLine = (s) => s.trimEnd().split('\n').length === 1;

test('ocop version prints the version on stdout and exits 0', () => {
  const r = ocop(['version']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^ocop \d+\.\d+\.\d+\S*\n$/);
});

test('ocop help lists every command and the options', () => {
  const r = ocop(['help']);
  assert.equal(r.code, 0);
  for (const c of ['serve', 'migrate', 'demo', 'version', 'help']) assert.match(r.out, new RegExp(`ocop ${c}\\b`), c);
  for (const o of ['--db', '--listen', '--base-url']) assert.ok(r.out.includes(o), o);
});

test('ocop help serve describes serve', () => {
  const r = ocop(['help', 'serve']);
  assert.equal(r.code, 0);
  assert.match(r.out, /^usage: ocop serve/m);
  assert.ok(!/ocop demo/.test(r.out), 'only serve');
});

test('ocop with no command prints usage and exits 2', () => {
  const r = ocop([]);
  assert.equal(r.code, 2);
  assert.match(r.out + r.err, /usage: ocop/);
});

test('an unknown flag is one line on stderr and exit 2, for every command', () => {
  for (const args of [['serve', '--bogus'], ['demo', '--bogus'], ['migrate', '--bogus'], ['version', '--bogus']]) {
    const r = ocop(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.out, '', args.join(' '));
    assert.ok(oneLine(r.err), `one line: ${JSON.stringify(r.err)}`);
    assert.ok(r.err.includes('--bogus'), 'names the flag');
  }
});

test('an unknown command and help for an unknown command exit 2 with one line', () => {
  for (const args of [['frobnicate'], ['help', 'frobnicate']]) {
    const r = ocop(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.ok(oneLine(r.err), r.err);
    assert.ok(r.err.includes('frobnicate'));
  }
});

test('a flag without its value exits 2', () => {
  const r = ocop(['demo', '--db']);
  assert.equal(r.code, 2);
  assert.ok(oneLine(r.err));
});

test('bad --listen values exit 2 with one line, before touching the database', () => {
  for (const listen of ['nope', '127.0.0.1', '127.0.0.1:99999', '127.0.0.1:abc', ':', '127.0.0.1:-1']) {
    const dir = tmp();
    try {
      const r = ocop(['serve', '--db', join(dir, 'x.db'), '--listen', listen], {}, 3000);
      assert.equal(r.code, 2, `--listen ${listen}: exit ${r.code} ${r.err}`);
      assert.ok(oneLine(r.err), `--listen ${listen}: ${r.err}`);
      assert.deepEqual(readdirSync(dir), [], `--listen ${listen} created files`);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }
});

test('bad --base-url values exit 2 with one line (flag and OCOP_BASE_URL)', () => {
  for (const url of ['notaurl', 'ftp://example.vn', 'http://', 'https://', 'javascript:alert(1)']) {
    const dir = tmp();
    try {
      const r = ocop(['serve', '--db', join(dir, 'x.db'), '--listen', '127.0.0.1:0', '--base-url', url], {}, 3000);
      assert.equal(r.code, 2, `--base-url ${url}: exit ${r.code} signal ${r.signal}`);
      assert.ok(oneLine(r.err), r.err);
      const e = ocop(['serve', '--db', join(dir, 'x.db'), '--listen', '127.0.0.1:0'], { OCOP_BASE_URL: url }, 3000);
      assert.equal(e.code, 2, `OCOP_BASE_URL=${url}: exit ${e.code} signal ${e.signal}`);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }
});

test('ocop demo twice: the second run changes nothing', () => {
  const dir = tmp();
  try {
    const db = join(dir, 'ocop.db');
    const first = ocop(['demo', '--db', db]);
    assert.equal(first.code, 0, first.err);
    assert.ok(existsSync(db));
    const counts = () => ['series', 'sessions', 'topics', 'series_organizers', 'channels']
      .map((t) => `${t}=${sql(db, `select count(*) from ${t}`)}`).join(' ');
    const before = counts();
    assert.match(before, /series=1 sessions=8 topics=11/);
    const second = ocop(['demo', '--db', db]);
    assert.equal(second.code, 0);
    assert.match(second.out + second.err, /nothing changed/i);
    assert.equal(counts(), before);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('ocop migrate twice succeeds both times', () => {
  const dir = tmp();
  try {
    const db = join(dir, 'ocop.db');
    assert.equal(ocop(['migrate', '--db', db]).code, 0);
    const r = ocop(['migrate', '--db', db]);
    assert.equal(r.code, 0, r.err);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('ocop serve stops with exit 0 on SIGTERM', async () => {
  const srv = await startServer();
  assert.equal((await fetch(srv.url + '/healthz')).status, 200);
  const res = await srv.stop({ signal: 'SIGTERM' });
  assert.equal(res.code, 0);
});

test('ocop serve stops with exit 0 on SIGINT', async () => {
  const srv = await startServer();
  const res = await srv.stop({ signal: 'SIGINT' });
  assert.equal(res.code, 0);
});

test('ocop serve on a port already in use fails with a message, not a hang', async () => {
  const srv = await startServer();
  try {
    const port = new URL(srv.url).port;
    const r = ocop(['serve', '--db', srv.db, '--listen', `127.0.0.1:${port}`]);
    assert.notEqual(r.code, 0);
    assert.equal(r.signal, null, 'exited on its own');
    assert.ok(r.err.trim().length > 0);
  } finally { await srv.stop(); }
});
