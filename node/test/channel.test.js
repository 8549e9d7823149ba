'use strict';
// newClient's channel against live servers, as python/test_compdata_channel.py
// does for Python: a second server on the same data requires a bearer token,
// a third speaks TLS only; one client over the live server and the token
// server (round_robin, reads retried on UNAVAILABLE) reaches both, and the
// token server's SIGTERM costs no call.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const http = require('node:http');
const { spawn, execFileSync } = require('node:child_process');
const compdata = require('../lib/compdata');

const { COMPDATA_TARGET, LIVE_DATABASE_URL, LIVE_SERVER_BIN } = process.env;
const TOKEN = 'node-channel-token';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'compdata-node-channel-'));
const { status: Code } = compdata.grpc;

async function startServer(name, ...flags) {
  const portFile = path.join(dir, `${name}.port`);
  const metricsFile = path.join(dir, `${name}.metrics`);
  const child = spawn(LIVE_SERVER_BIN, [`--database_url=${LIVE_DATABASE_URL}`,
    '--listen_address=127.0.0.1:0', `--port_file=${portFile}`,
    '--metrics_address=127.0.0.1:0', `--metrics_port_file=${metricsFile}`, ...flags],
  { stdio: ['ignore', 'ignore', fs.openSync(path.join(dir, `${name}.log`), 'w')] });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 600; i += 1) {
    if (fs.existsSync(portFile) && fs.readFileSync(portFile, 'utf8').trim()) {
      const target = `127.0.0.1:${fs.readFileSync(portFile, 'utf8').trim()}`;
      return { target, metricsFile, child, exited };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${name} did not start`);
}

function handled(server, method) {
  const port = fs.readFileSync(server.metricsFile, 'utf8').trim();
  return new Promise((resolve, reject) => {
    http.get(`http://127.0.0.1:${port}/metrics`, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => {
        let total = 0;
        for (const line of text.split('\n')) {
          if (line.startsWith('grpc_server_handled_total{') &&
              line.includes(`grpc_method="${method}"`) && line.includes('grpc_code="OK"')) {
            total += Number(line.split(' ').pop());
          }
        }
        resolve(total);
      });
    }).on('error', reject);
  });
}

const listRoles = (client) => compdata.call(client, 'ListRoles', {});

let tokenServer;
let tlsServer;
before(async () => {
  fs.writeFileSync(path.join(dir, 'tokens'), `${TOKEN} read\n`);
  tokenServer = await startServer('token', `--auth_tokens_file=${path.join(dir, 'tokens')}`,
    '--drain_delay=2s');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt',
    'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=compdata.test',
    '-addext', 'subjectAltName=DNS:compdata.test', '-keyout', path.join(dir, 'key.pem'),
    '-out', path.join(dir, 'cert.pem')], { stdio: 'ignore' });
  tlsServer = await startServer('tls', `--tls_cert_file=${path.join(dir, 'cert.pem')}`,
    `--tls_key_file=${path.join(dir, 'key.pem')}`);
});

after(async () => {
  for (const s of [tokenServer, tlsServer]) {
    if (s && s.child.exitCode === null) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a token is sent where the server asks for one', async () => {
  const open = compdata.newClient(tokenServer.target);
  await assert.rejects(listRoles(open), (err) => err.code === Code.UNAUTHENTICATED);
  open.close();
  const withToken = compdata.newClient(tokenServer.target, { token: TOKEN });
  assert.ok((await listRoles(withToken)).roles.length > 0);
  withToken.close();
});

test('TLS with the right roots and name', async () => {
  const rootCerts = fs.readFileSync(path.join(dir, 'cert.pem'));
  const client = compdata.newClient(tlsServer.target,
    { rootCerts, serverName: 'compdata.test', token: TOKEN });
  assert.ok((await listRoles(client)).roles.length > 0);
  client.close();
});

test('round_robin reaches both servers and a drained one costs no call', async () => {
  const client = compdata.newClient(`ipv4:${COMPDATA_TARGET},${tokenServer.target}`,
    { token: TOKEN });
  const before = await handled(tokenServer, 'ListRoles');
  for (let i = 0; i < 40; i += 1) await listRoles(client);
  assert.ok(await handled(tokenServer, 'ListRoles') - before >= 10,
    'round_robin sends the token server its share');
  const failures = [];
  let running = true;
  const loops = [0, 1, 2, 3].map(async () => {
    while (running) {
      try { await listRoles(client); } catch (err) { failures.push(err.code); }
    }
  });
  await new Promise((r) => setTimeout(r, 500));
  tokenServer.child.kill('SIGTERM');
  const code = await tokenServer.exited;
  await new Promise((r) => setTimeout(r, 500));
  running = false;
  await Promise.all(loops);
  client.close();
  assert.equal(code, 0);
  assert.deepEqual(failures, [], 'no call fails while a server drains');
});
