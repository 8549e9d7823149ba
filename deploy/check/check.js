"use strict";
// Checks rendered kustomize overlays (run by ../check.sh, which renders them).
//
//   node check.js NAME=RENDERED.yaml ...
//       every object against its schema, unknown fields refused
//       (lib/schema.js), then compdata's policies (lib/policy.js) with the
//       expectations of overlay NAME (EXPECT below); prints the object
//       counts; exit 1 on any error.
//   node check.js --self-test NAME=RENDERED.yaml ...
//       the negative tests (lib/selftest.js): each breaks one thing in a
//       copy of a rendered overlay and expects the checks to say so.
//   node check.js --expect-failure NAME=RENDERED.yaml
//       exit 0 only if the checks find something wrong (a broken overlay).

const fs = require("fs");
const YAML = require("yaml");
const { checkObject } = require("./lib/schema");
const { checkOverlay } = require("./lib/policy");
const { runSelfTest } = require("./lib/selftest");

const EXPECT = {
  base: { replicas: 3, hpa: null, pinnedImage: false },
  dev: { replicas: 1, hpa: null, pinnedImage: false },
  prod: { replicas: null, hpa: { min: 3, max: 10 }, pinnedImage: true },
  tls: { replicas: 3, hpa: null, pinnedImage: false },
};

function load(file) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  const objects = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) objects.push(value);
  }
  return objects;
}

function check(objects, overlay) {
  const expect = EXPECT[overlay];
  if (!expect) return [`no expectations for overlay ${overlay} (add it to EXPECT in check.js)`];
  return [...objects.flatMap(checkObject), ...checkOverlay(objects, expect)];
}

function counts(objects) {
  const byKind = {};
  for (const o of objects) byKind[o.kind] = (byKind[o.kind] || 0) + 1;
  return Object.entries(byKind)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
}

function main(argv) {
  let mode = "check";
  const rendered = {};
  for (const arg of argv) {
    if (arg === "--self-test") mode = "self-test";
    else if (arg === "--expect-failure") mode = "expect-failure";
    else {
      const eq = arg.indexOf("=");
      if (eq <= 0) throw new Error(`expected NAME=FILE, got ${arg}`);
      const name = arg.slice(0, eq);
      rendered[name] = { file: arg.slice(eq + 1), objects: load(arg.slice(eq + 1)) };
    }
  }
  if (Object.keys(rendered).length === 0) throw new Error("no rendered overlay given");

  if (mode === "self-test") {
    // The cases start from passing overlays, or a case could "pass" on an
    // error that was there before it broke anything.
    for (const [name, r] of Object.entries(rendered)) {
      const errs = check(r.objects, name);
      if (errs.length > 0) {
        console.error(`self-test: overlay ${name} fails before any change:\n  ${errs.join("\n  ")}`);
        return 1;
      }
    }
    const { passed, failures } = runSelfTest(rendered, check);
    for (const f of failures) console.error(`  NOT CAUGHT: ${f}`);
    console.log(`self-test: ${passed} broken manifests caught, ${failures.length} missed`);
    return failures.length === 0 ? 0 : 1;
  }

  let failed = 0;
  for (const [name, r] of Object.entries(rendered)) {
    const errs = check(r.objects, name);
    if (mode === "expect-failure") {
      if (errs.length === 0) {
        console.error(`${name}: expected the checks to fail, but they passed`);
        failed += 1;
      } else {
        console.log(`${name}: fails as expected:\n  ${errs.join("\n  ")}`);
      }
      continue;
    }
    if (errs.length > 0) {
      failed += 1;
      console.error(`${name}: ${errs.length} problem(s):\n  ${errs.join("\n  ")}`);
    } else {
      console.log(`${name}: ok, ${r.objects.length} objects (${counts(r.objects)})`);
    }
  }
  return failed === 0 ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`check.js: ${e.stack || e}`);
  process.exitCode = 2;
}
