'use strict';
// Canonical proto3 JSON (https://protobuf.dev/programming-guides/json/) of a
// message object as @grpc/proto-loader / protobufjs `toObject` produce it
// with { keepCase: true, longs: String, enums: String, oneofs: true } and
// either setting of `defaults`.
//
// The output is what protobuf's C++ MessageToJsonString prints with
// preserve_proto_field_names: fields with implicit presence are omitted when
// they hold their default value, empty repeated fields and maps are omitted,
// message fields and fields with explicit presence (oneof members, proto3
// `optional`) are printed whenever they are set, even when zero; int64 kinds
// are strings, enums are value names, Timestamp / Duration / wrappers / Any
// use their special forms.
//
// It is strict on purpose, so that a comparison with the C++ client can only
// pass when the two answers really agree: a key that is not a field of the
// message, a value of the wrong JavaScript type, an int64 given as a number
// (precision loss) or a oneof naming a field that is not set all throw.
// Nothing is dropped except what proto3 JSON itself leaves out.

const protobuf = require('protobufjs');

const INT64_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);
const INT32_TYPES = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32']);

const WRAPPERS = new Set([
  '.google.protobuf.DoubleValue', '.google.protobuf.FloatValue',
  '.google.protobuf.Int64Value', '.google.protobuf.UInt64Value',
  '.google.protobuf.Int32Value', '.google.protobuf.UInt32Value',
  '.google.protobuf.BoolValue', '.google.protobuf.StringValue',
  '.google.protobuf.BytesValue',
]);

class ProtoJsonError extends Error {}

// FieldMask: its paths joined by ",", each field name in lowerCamelCase
// ("roles.pay_by_level" -> "roles.payByLevel"). A path that would not come
// back the same (upper case, "_" before a digit or at a word's end) throws,
// as protobuf's own printer refuses it.
function fieldMaskJson(obj, where) {
  const paths = obj.paths || [];
  if (!Array.isArray(paths)) fail(where, 'FieldMask paths: array expected');
  return paths.map((p, i) => {
    if (typeof p !== 'string' || /[A-Z]|_(?![a-z])/.test(p)) {
      fail(`${where}.paths[${i}]`, `not a snake_case path: ${JSON.stringify(p)}`);
    }
    return p.replace(/_([a-z])/g, (m, c) => c.toUpperCase());
  }).join(',');
}

const has = (object, key) => Object.prototype.hasOwnProperty.call(object, key);

function fail(where, what) {
  throw new ProtoJsonError(`${where || '<root>'}: ${what}`);
}

// Fractional seconds as protobuf prints them: none, 3, 6 or 9 digits.
function formatNanos(nanos) {
  if (nanos === 0) return '';
  if (nanos % 1000000 === 0) return '.' + String(nanos / 1000000).padStart(3, '0');
  if (nanos % 1000 === 0) return '.' + String(nanos / 1000).padStart(6, '0');
  return '.' + String(nanos).padStart(9, '0');
}

function int64(value, where) {
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  // protobufjs gives Long objects when longs: String is not set.
  if (value && typeof value === 'object' && 'low' in value && 'high' in value) {
    return BigInt(value.toString());
  }
  return fail(where, `int64 expected as a decimal string, got ${JSON.stringify(value)}`);
}

function timestampJson(obj, where) {
  const seconds = int64(obj.seconds ?? '0', where + '.seconds');
  const nanos = obj.nanos ?? 0;
  if (!Number.isInteger(nanos) || nanos < 0 || nanos > 999999999) {
    fail(where, `bad Timestamp nanos ${nanos}`);
  }
  // Range of proto JSON Timestamps: 0001-01-01 .. 9999-12-31.
  if (seconds < -62135596800n || seconds > 253402300799n) {
    fail(where, `Timestamp out of range: ${seconds}`);
  }
  const iso = new Date(Number(seconds) * 1000).toISOString(); // ...SS.000Z
  return iso.slice(0, 19) + formatNanos(nanos) + 'Z';
}

function durationJson(obj, where) {
  const seconds = int64(obj.seconds ?? '0', where + '.seconds');
  const nanos = obj.nanos ?? 0;
  if (!Number.isInteger(nanos) || Math.abs(nanos) > 999999999) {
    fail(where, `bad Duration nanos ${nanos}`);
  }
  const negative = seconds < 0n || nanos < 0;
  const abs = (seconds < 0n ? -seconds : seconds).toString();
  return (negative ? '-' : '') + abs + formatNanos(Math.abs(nanos)) + 's';
}

function doubleJson(value, where) {
  if (typeof value !== 'number') fail(where, `number expected, got ${JSON.stringify(value)}`);
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

// The JSON of one scalar or enum value; `field` gives its type.
function scalarJson(field, value, where) {
  const type = field.type;
  if (field.resolvedType instanceof protobuf.Enum) {
    const values = field.resolvedType.values;
    if (typeof value === 'string') {
      if (!has(values, value)) fail(where, `${value} is not a value of ${field.resolvedType.fullName}`);
      return value;
    }
    if (Number.isInteger(value)) {
      // Known numbers print as their name, unknown ones as the number.
      const name = field.resolvedType.valuesById[value];
      return name === undefined ? value : name;
    }
    return fail(where, `enum value expected, got ${JSON.stringify(value)}`);
  }
  if (INT64_TYPES.has(type)) return int64(value, where).toString();
  if (INT32_TYPES.has(type)) {
    if (!Number.isInteger(value)) fail(where, `int32 expected, got ${JSON.stringify(value)}`);
    return value;
  }
  if (type === 'double') return doubleJson(value, where);
  if (type === 'float') {
    // C++ prints floats with the shortest digits that round-trip as float;
    // compare such fields by Math.fround rather than through this function.
    return fail(where, 'float fields are not supported by this normaliser');
  }
  if (type === 'bool') {
    if (typeof value !== 'boolean') fail(where, `bool expected, got ${JSON.stringify(value)}`);
    return value;
  }
  if (type === 'string') {
    if (typeof value !== 'string') fail(where, `string expected, got ${JSON.stringify(value)}`);
    return value;
  }
  if (type === 'bytes') {
    if (Buffer.isBuffer(value) || value instanceof Uint8Array) {
      return Buffer.from(value).toString('base64');
    }
    if (typeof value === 'string') return value; // protobufjs bytes: String
    return fail(where, `bytes expected, got ${typeof value}`);
  }
  return fail(where, `unsupported scalar type ${type}`);
}

function isDefaultScalar(field, json) {
  if (field.resolvedType instanceof protobuf.Enum) {
    return json === 0 || (has(field.resolvedType.values, json) &&
                          field.resolvedType.values[json] === 0);
  }
  // -0.0 is not the default: C++ serialises it (bitwise comparison).
  if (typeof json === 'number') return Object.is(json, 0);
  if (INT64_TYPES.has(field.type)) return json === '0';
  if (field.type === 'bool') return json === false;
  return json === ''; // string, bytes (base64 of no bytes)
}

class ProtoJson {
  // root: a protobufjs Root that can resolve every type involved, including
  // the types packed in Any (e.g. google.rpc.BadRequest).
  constructor(root) {
    this.root = root;
  }

  type(name) {
    return this.root.lookupType(name);
  }

  // The proto3 JSON of `obj`, a message of type `type` (a protobufjs Type or
  // its full name).
  message(type, obj, where = '') {
    if (typeof type === 'string') type = this.type(type);
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) {
      fail(where, `${type.fullName} expected as an object, got ${JSON.stringify(obj)}`);
    }
    switch (type.fullName) {
      case '.google.protobuf.Timestamp': return timestampJson(obj, where);
      case '.google.protobuf.Duration': return durationJson(obj, where);
      case '.google.protobuf.Any': return this.any(obj, where);
      case '.google.protobuf.FieldMask': return fieldMaskJson(obj, where);
      case '.google.protobuf.Struct':
      case '.google.protobuf.Value':
      case '.google.protobuf.ListValue':
        return fail(where, `${type.fullName} is not supported by this normaliser`);
      default:
        if (WRAPPERS.has(type.fullName)) {
          const field = type.fields.value;
          return scalarJson(field.resolve(), obj.value ?? field.typeDefault, where + '.value');
        }
    }

    const oneofNames = new Set(type.oneofsArray.map((o) => o.name));
    for (const key of Object.keys(obj)) {
      if (!has(type.fields, key) && !oneofNames.has(key)) {
        fail(where, `${key} is not a field of ${type.fullName}`);
      }
    }
    // A oneof (or proto3 optional) has at most one member set, and the
    // virtual oneof key, when present, names it.
    for (const oneof of type.oneofsArray) {
      const set = oneof.fieldsArray.filter((f) => obj[f.name] !== undefined && obj[f.name] !== null);
      if (set.length > 1) fail(where, `oneof ${oneof.name} has several members set`);
      if (obj[oneof.name] !== undefined && obj[oneof.name] !== null) {
        const named = set.length ? set[0].name : undefined;
        if (obj[oneof.name] !== named) {
          fail(where, `oneof ${oneof.name} says ${obj[oneof.name]} but ${named} is set`);
        }
      }
    }

    const out = {};
    for (const field of type.fieldsArray) {
      field.resolve();
      const value = obj[field.name];
      const at = where ? `${where}.${field.name}` : field.name;
      if (field.map) {
        if (value === undefined || value === null) continue;
        if (typeof value !== 'object') fail(at, 'map expected');
        const keys = Object.keys(value);
        if (!keys.length) continue;
        const map = {};
        for (const k of keys) {
          map[k] = this.value(field, value[k], `${at}[${k}]`);
        }
        out[field.name] = map;
      } else if (field.repeated) {
        if (value === undefined || value === null) continue;
        if (!Array.isArray(value)) fail(at, 'array expected');
        if (!value.length) continue;
        out[field.name] = value.map((v, i) => this.value(field, v, `${at}[${i}]`));
      } else if (field.partOf || field.resolvedType instanceof protobuf.Type) {
        // Explicit presence: printed whenever set, whatever the value.
        if (value === undefined || value === null) continue;
        out[field.name] = this.value(field, value, at);
      } else {
        // Implicit presence: the default value is not printed.
        if (value === undefined || value === null) continue;
        const json = scalarJson(field, value, at);
        if (!isDefaultScalar(field, json)) out[field.name] = json;
      }
    }
    return out;
  }

  value(field, value, where) {
    if (field.resolvedType instanceof protobuf.Type) {
      return this.message(field.resolvedType, value, where);
    }
    return scalarJson(field, value, where);
  }

  // Any: {"@type": url, ...fields of the packed message}, or
  // {"@type": url, "value": <special JSON>} for a well-known type with a
  // special JSON form.
  any(obj, where) {
    const url = obj.type_url ?? obj.typeUrl ?? '';
    const bytes = obj.value ?? Buffer.alloc(0);
    if (!url) {
      if (bytes.length) fail(where, 'Any with a value but no type_url');
      return {};
    }
    const name = url.slice(url.lastIndexOf('/') + 1);
    let inner;
    try {
      inner = this.type(name);
    } catch (e) {
      return fail(where, `cannot resolve Any type ${url}`);
    }
    const decoded = inner.toObject(inner.decode(Buffer.from(bytes)), {
      longs: String, enums: String, bytes: Buffer, defaults: false, oneofs: true,
    });
    const json = this.message(inner, decoded, `${where}<${name}>`);
    if (typeof json !== 'object' || json === null || Array.isArray(json) ||
        WRAPPERS.has(inner.fullName)) {
      return { '@type': url, value: json };
    }
    return { '@type': url, ...json };
  }
}

module.exports = { ProtoJson, ProtoJsonError, timestampJson, durationJson, fieldMaskJson };
