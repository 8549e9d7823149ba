'use strict';
// What the live suite's files (*.test.js here, except proto_json.test.js)
// share: the client, calling the same RPC from Node and from the C++ client
// ($COMPDATA_CLI call METHOD JSON) and comparing the answers, and the
// contract's invariants common to several RPCs.
//
// The files run through tests/clients/with_live_server.sh, which exports
// COMPDATA_TARGET, COMPDATA_CLI, COMPDATA_AS_OF and COMPDATA_SOURCE_DIR:
//   tests/clients/with_live_server.sh build build/pgstate node --test node/test/*.test.js
// Each file runs in its own process, with its own client and its own record
// of data versions.

const { test, after } = require('node:test');
const assert = require('node:assert/strict');
const { execFile } = require('node:child_process');
const compdata = require('../lib/compdata');

const { COMPDATA_TARGET, COMPDATA_CLI, COMPDATA_AS_OF } = process.env;
if (!COMPDATA_TARGET || !COMPDATA_CLI || !COMPDATA_AS_OF) {
  throw new Error('COMPDATA_TARGET, COMPDATA_CLI and COMPDATA_AS_OF must be set: run this suite ' +
                  'through tests/clients/with_live_server.sh BIN_DIR PG_STATE node --test node/test/*.test.js');
}

const { status: Code } = compdata.grpc;
const pj = compdata.protoJson();
const root = compdata.protoRoot();
const client = compdata.newClient(COMPDATA_TARGET);
after(() => client.close());

// Demand figures count the postings open at the end of the time window:
// pin it to the generated data's "now" so both clients (and every run) see
// the same answer.
const AS_OF = compdata.timestamp(COMPDATA_AS_OF);
const pinned = (filter = {}) => ({ ...filter, time_window: { end_time: AS_OF } });

const LEVELS = ['SENIORITY_LEVEL_ENTRY', 'SENIORITY_LEVEL_MID', 'SENIORITY_LEVEL_SENIOR',
  'SENIORITY_LEVEL_STAFF', 'SENIORITY_LEVEL_PRINCIPAL'];

// ---------------------------------------------------------------------------
// Calling both clients
// ---------------------------------------------------------------------------

// The C++ client: {exit, json} of `$COMPDATA_CLI call METHOD JSON`, where
// JSON is the proto3 JSON of the very request object Node sends.
function cpp(method, request) {
  const json = JSON.stringify(pj.message(`compdata.v1.${method}Request`, request));
  return new Promise((resolve, reject) => {
    execFile(COMPDATA_CLI, ['--target=' + COMPDATA_TARGET, 'call', method, json],
      { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        const exit = err ? err.code : 0;
        if (exit !== 0 && exit !== 1) {
          reject(new Error(`${COMPDATA_CLI} call ${method} ${json}: exit ${exit}: ${stderr}`));
          return;
        }
        try {
          resolve({ exit, json: JSON.parse(stdout) });
        } catch (e) {
          reject(new Error(`${COMPDATA_CLI} call ${method}: not JSON: ${stdout}\n${stderr}`));
        }
      });
  });
}

const dataVersions = new Set();

// Calls `method` from Node and from the C++ client; both must succeed with
// the same answer. Returns Node's answer.
async function agree(method, request) {
  const [node, other] = await Promise.all([
    compdata.call(client, method, request).catch((err) => ({ nodeError: err })),
    cpp(method, request),
  ]);
  assert.ok(!node.nodeError, `Node ${method} failed: ${node.nodeError && node.nodeError.message}`);
  assert.equal(other.exit, 0, `C++ ${method} failed: ${JSON.stringify(other.json)}`);
  assert.deepEqual(pj.message(`compdata.v1.${method}Response`, node), other.json,
    `${method} ${JSON.stringify(request)}: the Node and C++ answers differ`);
  assert.ok(node.metadata && node.metadata.data_version, 'metadata.data_version set');
  dataVersions.add(node.metadata.data_version);
  return node;
}

// Calls `method` from Node and from the C++ client; both must fail with the
// same google.rpc.Status. Returns Node's error, its decoded Status and the
// unpacked details by type name.
async function bothFail(method, request, code) {
  const [outcome, other] = await Promise.all([
    compdata.call(client, method, request).then(
      (response) => ({ response }), (err) => ({ err })),
    cpp(method, request),
  ]);
  assert.ok(outcome.err, `Node ${method} succeeded, expected code ${code}`);
  assert.equal(other.exit, 1, `C++ ${method} succeeded, expected code ${code}`);
  const { err } = outcome;
  assert.equal(err.code, code, `${method}: ${err.message}`);
  const status = compdata.rpcStatus(err);
  assert.ok(status, 'the grpc-status-details-bin trailer is present');
  // The Status in the trailer agrees with the call's own status...
  assert.equal(status.code, err.code);
  assert.equal(status.message, err.details);
  // ...and with what the C++ client reports.
  assert.deepEqual(pj.message('google.rpc.Status', status), other.json,
    `${method} ${JSON.stringify(request)}: the Node and C++ statuses differ`);
  const details = {};
  for (const d of compdata.unpackDetails(status)) details[d.type] = d.message;
  const info = details['google.rpc.ErrorInfo'];
  assert.ok(info, 'ErrorInfo is always sent');
  assert.equal(info.domain, 'compdata.example');
  return { err, status, details, cppJson: other.json };
}

// The C++ client's view of a detail, straight from its JSON.
const cppDetail = (json, type) =>
  json.details.find((d) => d['@type'] === `type.googleapis.com/${type}`);

// The last test of a file that calls agree(): every answer it compared came
// from the same data version.
function testOneDataVersion() {
  test('every answer came from one data version', () => {
    assert.equal(dataVersions.size, 1, [...dataVersions].join(', '));
  });
}

// ---------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------

const nanos = compdata.moneyNanos;

function assertMoneyLike(money, where) {
  assert.ok(money, `${where}: set`);
  assert.equal(money.currency_code, 'USD', `${where}: currency`);
  assert.equal(money.nanos % 10000000, 0, `${where}: rounded to the cent (D1)`);
  const units = BigInt(money.units);
  assert.ok(!(units > 0n && money.nanos < 0) && !(units < 0n && money.nanos > 0),
    `${where}: units and nanos have the same sign`);
}

// Every google.type.Money anywhere in `value`.
function allMoney(value, where = '', out = []) {
  if (Array.isArray(value)) value.forEach((v, i) => allMoney(v, `${where}[${i}]`, out));
  else if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    if ('currency_code' in value && 'units' in value) out.push([value, where]);
    else for (const [k, v] of Object.entries(value)) allMoney(v, `${where}.${k}`, out);
  }
  return out;
}

function assertAllMoneyUsd(response) {
  const found = allMoney(response);
  for (const [m, where] of found) assertMoneyLike(m, where);
  return found.length;
}

function expectedConfidence(n) {
  if (n < 30) return 'CONFIDENCE_LEVEL_LOW';
  if (n < 100) return 'CONFIDENCE_LEVEL_MEDIUM';
  return 'CONFIDENCE_LEVEL_HIGH';
}

// D6/D7: a Quality is internally consistent. Returns true when the statistic
// is not withheld.
function checkQuality(q, floor, where) {
  assert.ok(q, `${where}: quality set`);
  const n = Number(q.sample_size);
  assert.equal(n, Number(q.posting_count) + Number(q.report_count), `${where}: n = postings + reports`);
  switch (q.suppression_reason) {
    case 'SUPPRESSION_REASON_UNSPECIFIED':
      assert.ok(n > 0, `${where}: a statistic with a value has a sample`);
      assert.equal(q.confidence, expectedConfidence(n), `${where}: confidence of n=${n}`);
      if (Number(q.report_count) > 0) {
        assert.ok(Number(q.report_count) >= floor, `${where}: reports below the floor must be withheld`);
      }
      return true;
    case 'SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR':
      assert.ok(Number(q.report_count) >= 1 && Number(q.report_count) < floor,
        `${where}: 1 <= reports < floor`);
      break;
    case 'SUPPRESSION_REASON_NO_DATA':
      assert.equal(n, 0, `${where}: NO_DATA has no sample`);
      break;
    default:
      break;
  }
  assert.equal(q.confidence, 'CONFIDENCE_LEVEL_UNSPECIFIED', `${where}: withheld -> no confidence`);
  return false;
}

function assertNonDecreasing(values, where) {
  for (let i = 1; i < values.length; i++) {
    assert.ok(values[i - 1] <= values[i], `${where}: ${values[i - 1]} > ${values[i]} at ${i}`);
  }
}

function assertClose(actual, expected, where, tolerance = 1e-9) {
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${where}: ${actual} != ${expected}`);
}

const toNumber = (money) => Number(nanos(money)) / 1e9;

// A distribution's percentiles come in request order, with values that grow
// with the percentile, between min and max; p0 = min, p100 = max.
function checkDistribution(d, quality, requested, floor, where) {
  assert.deepEqual(d.percentiles.map((p) => p.percentile), requested, `${where}: percentiles in request order`);
  const shown = checkQuality(quality, floor, where);
  assert.equal(d.count, quality.sample_size, `${where}: count = sample size`);
  if (!shown) {
    for (const p of d.percentiles) assert.equal(p.value, null, `${where}: withheld percentile ${p.percentile}`);
    assert.equal(d.mean, null);
    assert.equal(d.min, null);
    assert.equal(d.max, null);
    return false;
  }
  const min = nanos(d.min);
  const max = nanos(d.max);
  assert.ok(min <= nanos(d.mean) && nanos(d.mean) <= max, `${where}: min <= mean <= max`);
  const byPercentile = [...d.percentiles].sort((a, b) => a.percentile - b.percentile);
  const values = byPercentile.map((p) => nanos(p.value));
  assertNonDecreasing(values, `${where}: percentiles monotone`);
  for (const p of d.percentiles) {
    const v = nanos(p.value);
    assert.ok(min <= v && v <= max, `${where}: p${p.percentile} within [min, max]`);
    if (p.percentile === 0) assert.equal(v, min, `${where}: p0 = min`);
    if (p.percentile === 100) assert.equal(v, max, `${where}: p100 = max`);
  }
  return true;
}

module.exports = {
  compdata, client, Code, pj, root,
  COMPDATA_AS_OF, AS_OF, pinned, LEVELS,
  cpp, agree, bothFail, cppDetail, testOneDataVersion,
  nanos, allMoney, assertAllMoneyUsd, expectedConfidence, checkQuality,
  assertNonDecreasing, assertClose, toNumber, checkDistribution,
};
