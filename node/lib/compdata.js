'use strict';
// Loading the compdata protos at runtime and calling CompensationService from
// Node with @grpc/grpc-js, plus decoding the google.rpc.Status that every
// failed call carries in its `grpc-status-details-bin` trailer.
//
// The protos are read from the checkout (proto/compdata/v1, found from
// $COMPDATA_SOURCE_DIR or relative to this file) and from Debian's googleapis
// protos (google/rpc/status.proto, error_details.proto, google/type/*), at
// $GOOGLEAPIS_DIR or /usr/share/gocode/src/github.com/gogo/googleapis. The
// google/protobuf well-known types come bundled with protobufjs.

const path = require('path');
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');
const { ProtoJson } = require('./proto_json');

const SOURCE_DIR = process.env.COMPDATA_SOURCE_DIR || path.resolve(__dirname, '..', '..');
const PROTO_DIR = path.join(SOURCE_DIR, 'proto');
const GOOGLEAPIS_DIR = process.env.GOOGLEAPIS_DIR ||
  '/usr/share/gocode/src/github.com/gogo/googleapis';
const INCLUDE_DIRS = [PROTO_DIR, GOOGLEAPIS_DIR];

const SERVICE_PROTO = 'compdata/v1/compensation_service.proto';
const STATUS_PROTOS = ['google/rpc/status.proto', 'google/rpc/error_details.proto'];

// Options of @grpc/proto-loader: proto field names, int64 as decimal
// strings, enums as value names, every field present in decoded messages
// (scalars at their default, unset message fields null), and the virtual
// oneof fields (e.g. MetricValue.value = 'money', and for a proto3
// `optional` field x: _x = 'x' when it is set).
const LOADER_OPTIONS = Object.freeze({
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: INCLUDE_DIRS,
});

// Same conversion for messages decoded with protobufjs directly.
const TO_OBJECT_OPTIONS = Object.freeze({
  longs: String, enums: String, bytes: Buffer, defaults: true, oneofs: true,
});

function checkProtoDirs() {
  const service = path.join(PROTO_DIR, SERVICE_PROTO);
  if (!fs.existsSync(service)) {
    throw new Error(`${service} not found (set COMPDATA_SOURCE_DIR to the checkout)`);
  }
  const money = path.join(GOOGLEAPIS_DIR, 'google/type/money.proto');
  if (!fs.existsSync(money)) {
    throw new Error(`${money} not found (install golang-github-gogo-googleapis-dev ` +
                    'or set GOOGLEAPIS_DIR)');
  }
}

let cachedGrpcPackage;
// The gRPC package object: grpcPackage().compdata.v1.CompensationService is
// the client constructor.
function grpcPackage() {
  if (!cachedGrpcPackage) {
    checkProtoDirs();
    const definition = protoLoader.loadSync(SERVICE_PROTO, LOADER_OPTIONS);
    cachedGrpcPackage = grpc.loadPackageDefinition(definition);
  }
  return cachedGrpcPackage;
}

let cachedRoot;
// A protobufjs Root with the compdata protos and google.rpc Status /
// error_details, loaded from the same files, for decoding the status
// trailer and for reflection (ProtoJson).
function protoRoot() {
  if (!cachedRoot) {
    checkProtoDirs();
    const root = new protobuf.Root();
    root.resolvePath = (origin, target) => {
      if (path.isAbsolute(target)) return target;
      for (const dir of INCLUDE_DIRS) {
        const full = path.join(dir, target);
        if (fs.existsSync(full)) return full;
      }
      return target; // google/protobuf/*.proto: bundled with protobufjs
    };
    root.loadSync([SERVICE_PROTO, ...STATUS_PROTOS], { keepCase: true });
    root.resolveAll();
    cachedRoot = root;
  }
  return cachedRoot;
}

let cachedProtoJson;
function protoJson() {
  if (!cachedProtoJson) cachedProtoJson = new ProtoJson(protoRoot());
  return cachedProtoJson;
}

const READ_SERVICE = 'compdata.v1.CompensationService';

// The channel's service config (client/channel.cc's policy): round_robin
// over every address the target resolves to (gRPC keeps one long-lived
// connection, so pick_first would pin one pod; the server's
// --max_connection_age makes clients find new pods), and reads retried on
// UNAVAILABLE with backoff. Ingest streams are never retried. grpc-js has no
// client-side health checking, so a draining pod is left only when it
// closes its connections, and a call racing that can be cancelled by the
// server's gRPC core (a stream accepted after its shutdown began): reads
// are idempotent, so CANCELLED from the server is retried too (a cancel by
// the caller never is).
function serviceConfig(maxReadAttempts = 4) {
  const method = { name: [{ service: READ_SERVICE }, { service: 'grpc.health.v1.Health' }] };
  if (maxReadAttempts > 1) {
    method.retryPolicy = {
      maxAttempts: maxReadAttempts,
      initialBackoff: '0.1s',
      maxBackoff: '2s',
      backoffMultiplier: 2,
      retryableStatusCodes: ['UNAVAILABLE', 'CANCELLED'],
    };
  }
  return { loadBalancingConfig: [{ round_robin: {} }], methodConfig: [method] };
}

// Adds "authorization: Bearer TOKEN" to every call on a plaintext channel
// (grpc-js refuses call credentials without TLS).
function bearerInterceptor(token) {
  return (options, nextCall) => new grpc.InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      metadata.set('authorization', `Bearer ${token}`);
      next(metadata, listener);
    },
  });
}

// A CompensationService client for `target` ("host:port", "dns:///name:port",
// "ipv4:a:p,b:p"). Options: rootCerts (PEM Buffer: TLS with these roots;
// an empty Buffer: the system's; absent: plaintext), serverName (the name the
// certificate must carry when the target does not), token (bearer),
// maxReadAttempts (default 4; 1 = no retries).
function newClient(target = process.env.COMPDATA_TARGET || 'localhost:50051',
  { rootCerts, serverName, token, maxReadAttempts = 4 } = {}) {
  const { CompensationService } = grpcPackage().compdata.v1;
  const options = {
    'grpc.service_config': JSON.stringify(serviceConfig(maxReadAttempts)),
    'grpc.service_config_disable_resolution': 1,
    'grpc.enable_retries': 1,
    'grpc.keepalive_time_ms': 30000,
    'grpc.keepalive_timeout_ms': 10000,
    'grpc.keepalive_permit_without_calls': 1,
  };
  if (serverName) options['grpc.ssl_target_name_override'] = serverName;
  if (rootCerts === undefined) {
    if (token) options.interceptors = [bearerInterceptor(token)];
    return new CompensationService(target, grpc.credentials.createInsecure(), options);
  }
  let creds = grpc.credentials.createSsl(rootCerts.length ? rootCerts : null);
  if (token) {
    creds = grpc.credentials.combineChannelCredentials(creds,
      grpc.credentials.createFromMetadataGenerator((_, done) => {
        const metadata = new grpc.Metadata();
        metadata.set('authorization', `Bearer ${token}`);
        done(null, metadata);
      }));
  }
  return new CompensationService(target, creds, options);
}

// Promise of one unary call. `timeoutMs` sets the call's deadline (default
// 10 s, as the C++ client); a failed call rejects with the grpc-js error
// (err.code, err.details, err.metadata).
function call(client, method, request, { timeoutMs = 10000 } = {}) {
  if (typeof client[method] !== 'function') {
    return Promise.reject(new Error(`CompensationService has no method ${method}`));
  }
  return new Promise((resolve, reject) => {
    client[method](request, new grpc.Metadata(), { deadline: Date.now() + timeoutMs },
      (err, response) => (err ? reject(err) : resolve(response)));
  });
}

// The google.rpc.Status in the `grpc-status-details-bin` trailer of a failed
// call, as a plain object ({code, message, details: [{type_url, value}]}),
// or null when the trailer is absent.
function rpcStatus(err) {
  const values = err && err.metadata ? err.metadata.get('grpc-status-details-bin') : [];
  if (!values.length) return null;
  const Status = protoRoot().lookupType('google.rpc.Status');
  return Status.toObject(Status.decode(values[0]), TO_OBJECT_OPTIONS);
}

// The details of a google.rpc.Status, unpacked: [{type: 'google.rpc.BadRequest',
// message: {...}}, ...]. An unknown type throws.
function unpackDetails(status) {
  return (status.details || []).map((any) => {
    const name = any.type_url.slice(any.type_url.lastIndexOf('/') + 1);
    const type = protoRoot().lookupType(name);
    return { type: name, message: type.toObject(type.decode(any.value), TO_OBJECT_OPTIONS) };
  });
}

// Google.protobuf.Timestamp object ({seconds: '...', nanos}) of an RFC 3339
// time or a Date.
function timestamp(time) {
  const ms = time instanceof Date ? time.getTime() : Date.parse(time);
  if (Number.isNaN(ms)) throw new Error(`not a time: ${time}`);
  const seconds = Math.floor(ms / 1000);
  return { seconds: String(seconds), nanos: (ms - seconds * 1000) * 1000000 };
}

// A google.type.Money as a BigInt count of nanos (units * 1e9 + nanos), so
// figures compare and subtract exactly.
function moneyNanos(money) {
  return BigInt(money.units) * 1000000000n + BigInt(money.nanos);
}

module.exports = {
  grpc,
  SOURCE_DIR,
  PROTO_DIR,
  GOOGLEAPIS_DIR,
  LOADER_OPTIONS,
  grpcPackage,
  protoRoot,
  protoJson,
  newClient,
  serviceConfig,
  call,
  rpcStatus,
  unpackDetails,
  timestamp,
  moneyNanos,
};
