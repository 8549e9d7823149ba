"use strict";
// Schema validation of rendered objects with kubernetes-models (the
// Kubernetes OpenAPI schemas compiled by ajv) and
// @kubernetes-models/prometheus-operator (the operator's CRD schemas).
//
// Their validate() checks types, enums, formats and required fields but NOT
// unknown fields: the generated schemas carry no additionalProperties:false,
// so `spec.template.spec.containers[0].readOnlyRootFileSystem: true` (a typo
// the API server would drop, or refuse with --validate=strict) passes. So
// the validation runs on a Proxy of the object that records which properties
// the compiled validator reads: it reads every property its schema declares
// (and every key of a map such as labels or resources.limits), so a key it
// never read is a field the schema does not know. selftest.js keeps that
// honest by injecting unknown fields at several depths.

const PROMETHEUS_OPERATOR_GROUPS = new Set(["monitoring.coreos.com"]);

function modulePath(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const parts = apiVersion.split("/");
  if (parts.length === 1) return `kubernetes-models/${parts[0]}/${kind}`;
  if (parts.length !== 2) return null;
  const [group, version] = parts;
  if (PROMETHEUS_OPERATOR_GROUPS.has(group)) {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  return `kubernetes-models/${group}/${version}/${kind}`;
}

function loadModel(apiVersion, kind) {
  const path = modulePath(apiVersion, kind);
  if (path === null) return null;
  let mod;
  try {
    mod = require(path);
  } catch (e) {
    if (e.code === "MODULE_NOT_FOUND" || e.code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return null;
    throw e;
  }
  const Model = mod[kind];
  if (typeof Model !== "function" || Model.apiVersion !== apiVersion) return null;
  return Model;
}

// Runs the model's compiled validator over `obj`, returning
// {schemaErrors: [string], unknownFields: [path]}.
function validateStrict(Model, obj) {
  const records = new Map(); // object -> {path, read: Set}
  const proxies = new Map();
  function wrap(value, path) {
    if (value === null || typeof value !== "object") return value;
    if (proxies.has(value)) return proxies.get(value);
    const rec = { path, read: new Set() };
    records.set(value, rec);
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string") return v;
        rec.read.add(key);
        if (!Object.prototype.hasOwnProperty.call(target, key)) return v;
        return wrap(v, `${path}/${key}`);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  }
  const copy = JSON.parse(JSON.stringify(obj));
  const schemaErrors = [];
  try {
    Model.prototype.validate.call(wrap(copy, ""));
  } catch (e) {
    const details = Array.isArray(e.errors)
      ? e.errors.map((x) => `${x.instancePath || "/"} ${x.message}`)
      : [String(e.message || e)];
    schemaErrors.push(...new Set(details));
  }
  const unknownFields = [];
  for (const [value, rec] of records) {
    if (Array.isArray(value)) continue;
    for (const key of Object.keys(value)) {
      if (!rec.read.has(key)) unknownFields.push(`${rec.path}/${key}`);
    }
  }
  return { schemaErrors, unknownFields };
}

// Errors (strings) for one rendered object.
function checkObject(obj) {
  const id = `${obj && obj.kind}/${obj && obj.metadata && obj.metadata.name}`;
  const Model = loadModel(obj && obj.apiVersion, obj && obj.kind);
  if (Model === null) {
    return [`${id}: no schema for apiVersion ${obj && obj.apiVersion} kind ${obj && obj.kind}`];
  }
  const { schemaErrors, unknownFields } = validateStrict(Model, obj);
  return [
    ...schemaErrors.map((m) => `${id}: schema: ${m}`),
    ...unknownFields.map((p) => `${id}: unknown field ${p}`),
  ];
}

module.exports = { checkObject, loadModel, validateStrict };
