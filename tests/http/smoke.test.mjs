import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('healthz answers ok', async () => {
  const res = await fetch(srv.url + '/healthz');
  assert.equal(res.status, 200);
  assert.equal((await res.text()).trim(), 'ok');
});
