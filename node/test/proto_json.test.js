'use strict';
// The proto3 JSON normaliser (lib/proto_json.js) on its own, without a
// server: the live suite compares answers through it, so it must neither
// drop nor invent anything.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const compdata = require('../lib/compdata');
const { ProtoJsonError } = require('../lib/proto_json');

const root = compdata.protoRoot();
const pj = compdata.protoJson();

// Encodes `object` (protobufjs fromObject form) and decodes it the way
// grpc-js + proto-loader do with the suite's options (`defaults` varies).
function roundTrip(typeName, object, defaults) {
  const type = root.lookupType(typeName);
  const bytes = type.encode(type.fromObject(object)).finish();
  return type.toObject(type.decode(bytes), {
    longs: String, enums: String, bytes: Buffer, defaults, oneofs: true,
  });
}

test('implicit-presence defaults are omitted, set messages are kept even when empty', () => {
  const summary = roundTrip('compdata.v1.PaySummary', {
    median: { currency_code: 'USD', units: 0, nanos: 0 },
    quality: { sample_size: 0, confidence: 0, note: '' },
    percentiles: [],
  }, true);
  assert.deepEqual(pj.message('compdata.v1.PaySummary', summary), {
    median: { currency_code: 'USD' },
    quality: {},
  });
});

test('defaults: true and defaults: false normalise to the same JSON', () => {
  const object = {
    role: { slug: 'ai-engineer', title: 'AI Engineer' },
    points: [
      { month: { year: 2025, month: 2 }, count: 3, quality: { sample_size: 3, report_count: 3,
        suppression_reason: 'SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR' } },
      { month: { year: 2025, month: 3 }, median: { currency_code: 'USD', units: '-12', nanos: -500000000 },
        count: '9007199254740993', quality: { sample_size: 1, confidence: 'CONFIDENCE_LEVEL_LOW' } },
    ],
    median_change_fraction: 0,
    metadata: { data_version: 'v1', as_of: { seconds: 1768435200, nanos: 388671000 }, privacy_floor: 5 },
  };
  const expected = {
    role: { slug: 'ai-engineer', title: 'AI Engineer' },
    points: [
      { month: { year: 2025, month: 2 }, count: '3', quality: { sample_size: '3', report_count: '3',
        suppression_reason: 'SUPPRESSION_REASON_BELOW_PRIVACY_FLOOR' } },
      { month: { year: 2025, month: 3 }, median: { currency_code: 'USD', units: '-12', nanos: -500000000 },
        // beyond 2^53: must survive as a string
        count: '9007199254740993', quality: { sample_size: '1', confidence: 'CONFIDENCE_LEVEL_LOW' } },
    ],
    // proto3 `optional`: explicit presence, so a set 0 is printed
    median_change_fraction: 0,
    metadata: { data_version: 'v1', as_of: '2026-01-15T00:00:00.388671Z', privacy_floor: 5 },
  };
  for (const defaults of [true, false]) {
    const decoded = roundTrip('compdata.v1.GetSalaryTrendResponse', object, defaults);
    assert.deepEqual(pj.message('compdata.v1.GetSalaryTrendResponse', decoded), expected,
      `defaults: ${defaults}`);
  }
  // ...and an unset optional is absent.
  const unset = roundTrip('compdata.v1.GetSalaryTrendResponse', { role: { slug: 'x' } }, true);
  assert.equal(unset.median_change_fraction, undefined);
  assert.deepEqual(pj.message('compdata.v1.GetSalaryTrendResponse', unset), { role: { slug: 'x' } });
});

test('a oneof member is printed when set, even at zero', () => {
  const value = roundTrip('compdata.v1.MetricValue', { count: 0 }, true);
  assert.equal(value.value, 'count');
  assert.deepEqual(pj.message('compdata.v1.MetricValue', value), { count: '0' });
  const fraction = roundTrip('compdata.v1.MetricValue', { fraction: 0.25 }, true);
  assert.deepEqual(pj.message('compdata.v1.MetricValue', fraction), { fraction: 0.25 });
  assert.deepEqual(pj.message('compdata.v1.MetricValue', roundTrip('compdata.v1.MetricValue', {}, true)), {});
});

test('Timestamp and Duration use the JSON forms protobuf prints', () => {
  const ts = (seconds, nanos) => pj.message('google.protobuf.Timestamp', { seconds: String(seconds), nanos });
  assert.equal(ts(1768435200, 0), '2026-01-15T00:00:00Z');
  assert.equal(ts(1768435200, 1000000), '2026-01-15T00:00:00.001Z');
  assert.equal(ts(1768435200, 388671000), '2026-01-15T00:00:00.388671Z');
  assert.equal(ts(1768435200, 1), '2026-01-15T00:00:00.000000001Z');
  assert.equal(ts(0, 0), '1970-01-01T00:00:00Z');
  const d = (seconds, nanos) => pj.message('google.protobuf.Duration', { seconds: String(seconds), nanos });
  assert.equal(d(5, 0), '5s');
  assert.equal(d(1, 500000000), '1.500s');
  assert.equal(d(0, -1000), '-0.000001s');
  assert.deepEqual(compdata.timestamp('2026-01-15T00:00:00Z'), { seconds: '1768435200', nanos: 0 });
  assert.deepEqual(compdata.timestamp('2026-01-15T00:00:00.25Z'), { seconds: '1768435200', nanos: 250000000 });
});

test('enums print as names; an unknown number prints as the number', () => {
  assert.deepEqual(pj.message('compdata.v1.Quality', { confidence: 3 }), { confidence: 'CONFIDENCE_LEVEL_HIGH' });
  assert.deepEqual(pj.message('compdata.v1.Quality', { confidence: 42 }), { confidence: 42 });
  assert.deepEqual(pj.message('compdata.v1.Quality', { confidence: 'CONFIDENCE_LEVEL_UNSPECIFIED' }), {});
  assert.throws(() => pj.message('compdata.v1.Quality', { confidence: 'HIGH' }), ProtoJsonError);
});

test('doubles keep their exact value; -0 and NaN are not defaults', () => {
  assert.deepEqual(pj.message('compdata.v1.SkillShare', { posting_share: 0.066666666666666666 }),
    { posting_share: 0.06666666666666667 });
  assert.deepEqual(pj.message('compdata.v1.SkillShare', { posting_share: -0 }), { posting_share: -0 });
  assert.deepEqual(pj.message('compdata.v1.SkillShare', { posting_share: NaN }), { posting_share: 'NaN' });
  assert.deepEqual(pj.message('compdata.v1.SkillShare', { posting_share: 0 }), {});
});

test('the normaliser refuses what it cannot represent faithfully', () => {
  // a key that is not a field (e.g. a camelCase name)
  assert.throws(() => pj.message('compdata.v1.Quality', { sampleSize: '3' }), /not a field/);
  assert.throws(() => pj.message('compdata.v1.Quality', { constructor: 1 }), /not a field/);
  // int64 as a JS number could have lost precision
  assert.throws(() => pj.message('compdata.v1.Quality', { sample_size: 3 }), /int64/);
  // wrong JS types
  assert.throws(() => pj.message('compdata.v1.RoleRef', { slug: 7 }), /string expected/);
  assert.throws(() => pj.message('compdata.v1.PaySummary', { percentiles: {} }), /array expected/);
  // a oneof naming a member that is not set, or two members set
  assert.throws(() => pj.message('compdata.v1.MetricValue', { value: 'money', count: '1' }), /oneof/);
  assert.throws(() => pj.message('compdata.v1.MetricValue', { count: '1', fraction: 0.5 }), /oneof/);
});

test('google.rpc.Status details: Any unpacked into {"@type", ...fields}', () => {
  const ErrorInfo = root.lookupType('google.rpc.ErrorInfo');
  const BadRequest = root.lookupType('google.rpc.BadRequest');
  const Status = root.lookupType('google.rpc.Status');
  const status = Status.fromObject({
    code: 3,
    message: 'must be within [0, 100]',
    details: [
      { type_url: 'type.googleapis.com/google.rpc.ErrorInfo',
        value: ErrorInfo.encode(ErrorInfo.fromObject({
          reason: 'INVALID_FIELD', domain: 'compdata.example', metadata: { field: 'percentiles[1]' },
        })).finish() },
      { type_url: 'type.googleapis.com/google.rpc.BadRequest',
        value: BadRequest.encode(BadRequest.fromObject({
          field_violations: [{ field: 'percentiles[1]', description: 'must be within [0, 100]' }],
        })).finish() },
    ],
  });
  const decoded = Status.toObject(Status.decode(Status.encode(status).finish()), {
    longs: String, enums: String, bytes: Buffer, defaults: true, oneofs: true,
  });
  assert.deepEqual(pj.message('google.rpc.Status', decoded), {
    code: 3,
    message: 'must be within [0, 100]',
    details: [
      { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'INVALID_FIELD',
        domain: 'compdata.example', metadata: { field: 'percentiles[1]' } },
      { '@type': 'type.googleapis.com/google.rpc.BadRequest',
        field_violations: [{ field: 'percentiles[1]', description: 'must be within [0, 100]' }] },
    ],
  });
  const unpacked = compdata.unpackDetails(decoded);
  assert.deepEqual(unpacked.map((d) => d.type), ['google.rpc.ErrorInfo', 'google.rpc.BadRequest']);
  assert.equal(unpacked[1].message.field_violations[0].field, 'percentiles[1]');
  assert.throws(() => pj.message('google.rpc.Status', {
    details: [{ type_url: 'type.googleapis.com/no.such.Type', value: Buffer.alloc(0) }],
  }), /cannot resolve/);
});

test('the gRPC package loads every CompensationService read RPC', () => {
  const service = compdata.grpcPackage().compdata.v1.CompensationService.service;
  assert.deepEqual(Object.keys(service).sort(), [
    'BatchRead', 'CompareRoles', 'EvaluateOffer', 'GetCareerPath', 'GetRelatedRoles', 'GetRole',
    'GetSalaryDistribution', 'GetSalaryTrend', 'GetSkillOverlap', 'GetSkillPremiums', 'ListRoles',
  ]);
  for (const [name, method] of Object.entries(service)) {
    assert.equal(method.path, `/compdata.v1.CompensationService/${name}`);
    assert.equal(method.requestStream, false);
    assert.equal(method.responseStream, name === 'BatchRead', `${name}: only BatchRead streams`);
  }
});

test('a FieldMask prints as its lowerCamelCase paths joined by commas', () => {
  const request = { roles: ['a', 'b'], read_mask: { paths: ['roles.pay_by_level', 'verdicts'] } };
  assert.equal(pj.message('compdata.v1.CompareRolesRequest', request).read_mask,
    'roles.payByLevel,verdicts');
  assert.equal(pj.message('compdata.v1.CompareRolesRequest',
    { ...request, read_mask: { paths: [] } }).read_mask, '');
  // Paths protobuf's own printer refuses: they would not come back the same.
  for (const bad of ['roles.payByLevel', 'roles.pay_', 'top_1']) {
    assert.throws(() => pj.message('compdata.v1.CompareRolesRequest',
      { ...request, read_mask: { paths: [bad] } }), ProtoJsonError, bad);
  }
});
