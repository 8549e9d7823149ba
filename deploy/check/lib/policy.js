"use strict";
// compdata's own rules for a rendered overlay, beyond what the schemas say.
// checkOverlay(objects, expect) returns a list of error strings; `expect`
// says what differs per overlay (see EXPECT in ../check.js):
//   replicas   the Deployment's spec.replicas, or null when an HPA owns it
//   hpa        null (none allowed) or {min, max}
//   pinnedImage  images must carry a digest or a release tag (not dev/latest)

const GRPC_READY_SERVICE = "compdata.v1.CompensationService";
const MIGRATE_SECRET = "compdata-database-migrate";
const RUNTIME_SECRET = "compdata-database";
const MONITORING_NAMESPACE = "monitoring";
// The server's defaults (server/config.h) for settings the ConfigMap omits.
const SERVER_DEFAULTS = {
  COMPDATA_DRAIN_DELAY: "5s",
  COMPDATA_SHUTDOWN_GRACE: "10s",
  COMPDATA_MIGRATE_ON_START: "true",
};
// The image's migration binary (Dockerfile: /opt/compdata/bin ->
// /usr/local/bin): it reads only COMPDATA_DATABASE_URL.
const MIGRATE_COMMAND = "/usr/local/bin/compdata-migrate";

// ---------------------------------------------------------------- helpers

function idOf(o) {
  return `${o.kind}/${o.metadata && o.metadata.name}`;
}

function byKind(objects, kind) {
  return objects.filter((o) => o && o.kind === kind);
}

// Kubernetes label selector semantics; an absent selector selects nothing,
// an empty one everything.
function selectorMatches(selector, labels) {
  if (selector === undefined || selector === null) return false;
  labels = labels || {};
  for (const [k, v] of Object.entries(selector.matchLabels || {})) {
    if (labels[k] !== v) return false;
  }
  for (const e of selector.matchExpressions || []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values || [];
    switch (e.operator) {
      case "In":
        if (!has || !values.includes(labels[e.key])) return false;
        break;
      case "NotIn":
        if (has && values.includes(labels[e.key])) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

// A Service's selector is a plain map (no matchExpressions); without one the
// Service selects no pod (its endpoints are managed by hand).
function serviceSelects(svc, labels) {
  const sel = svc.spec && svc.spec.selector;
  if (!sel || Object.keys(sel).length === 0) return false;
  return selectorMatches({ matchLabels: sel }, labels);
}

// Go/absl durations as the server parses them: "5s", "500ms", "1m30s", "0".
function parseDuration(text) {
  if (text === undefined || text === null) return null;
  const s = String(text).trim();
  if (s === "0") return 0;
  if (s === "inf") return Infinity;
  const units = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, "µs": 1e-6, ns: 1e-9 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m;
  while ((m = re.exec(s)) !== null) {
    total += parseFloat(m[1]) * units[m[2]];
    matched = re.lastIndex;
  }
  return matched === s.length && s.length > 0 ? total : null;
}

// ParseBool of server/settings.cc.
function parseBool(text) {
  const v = String(text).toLowerCase();
  if (["true", "1", "yes"].includes(v)) return true;
  if (["false", "0", "no"].includes(v)) return false;
  return null;
}

function portOfAddress(address) {
  if (typeof address !== "string") return null;
  const i = address.lastIndexOf(":");
  if (i < 0) return null;
  const port = Number(address.slice(i + 1));
  return Number.isInteger(port) ? port : null;
}

// The environment a container sees: envFrom ConfigMaps/Secrets, then env
// (later wins). Values are strings, or {secretKeyRef}/{configMapKeyRef}/...
// objects for valueFrom, or {fromSecret: name} for a whole-Secret envFrom.
function effectiveEnv(container, objects) {
  const env = {};
  const configMaps = new Map(byKind(objects, "ConfigMap").map((c) => [c.metadata.name, c]));
  for (const src of container.envFrom || []) {
    const prefix = src.prefix || "";
    if (src.configMapRef) {
      const cm = configMaps.get(src.configMapRef.name);
      if (!cm) {
        env[`<missing ConfigMap ${src.configMapRef.name}>`] = "";
        continue;
      }
      for (const [k, v] of Object.entries(cm.data || {})) env[prefix + k] = v;
    }
    if (src.secretRef) env[`<Secret ${src.secretRef.name}>`] = { fromSecret: src.secretRef.name };
  }
  for (const e of container.env || []) {
    if (e.valueFrom) {
      env[e.name] = e.valueFrom;
    } else {
      env[e.name] = e.value === undefined ? "" : e.value;
    }
  }
  // A valueFrom of a ConfigMap key resolves here too.
  for (const [k, v] of Object.entries(env)) {
    if (v && typeof v === "object" && v.configMapKeyRef) {
      const cm = configMaps.get(v.configMapKeyRef.name);
      env[k] = cm && cm.data ? cm.data[v.configMapKeyRef.key] : undefined;
    }
  }
  return env;
}

function envString(env, name) {
  const v = env[name];
  if (v === undefined) return SERVER_DEFAULTS[name];
  return typeof v === "string" ? v : null; // null: from a Secret, unknowable
}

// Seconds a preStop hook takes before SIGTERM: 0 without one.
function preStopSeconds(container) {
  const hook = container.lifecycle && container.lifecycle.preStop;
  if (!hook) return { seconds: 0 };
  if (hook.sleep) return { seconds: Number(hook.sleep.seconds) };
  if (hook.exec && Array.isArray(hook.exec.command)) {
    const cmd = hook.exec.command.join(" ");
    const m = /(?:^|[\s/;&|])sleep\s+(\d+(?:\.\d+)?)(s?)\b/.exec(cmd);
    if (m) return { seconds: Number(m[1]) };
    return { seconds: null, why: `exec preStop of unknown duration: ${cmd}` };
  }
  return { seconds: null, why: "preStop hook of unknown duration" };
}

function imageReference(image) {
  // [registry[:port]/]path[:tag][@digest]
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : null;
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  const tag = colon > slash ? name.slice(colon + 1) : null;
  return { digest, tag, repository: colon > slash ? name.slice(0, colon) : name };
}

// Pod templates with their owner: Deployments, Jobs, and whatever else.
function podTemplates(objects) {
  const out = [];
  for (const o of objects) {
    if (!o || !o.spec) continue;
    if (["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"].includes(o.kind)) {
      out.push({ owner: o, template: o.spec.template || {} });
    } else if (o.kind === "CronJob") {
      out.push({ owner: o, template: ((o.spec.jobTemplate || {}).spec || {}).template || {} });
    } else if (o.kind === "Pod") {
      out.push({ owner: o, template: { metadata: o.metadata, spec: o.spec } });
    }
  }
  return out;
}

function podLabels(template) {
  return (template.metadata && template.metadata.labels) || {};
}

function containerPort(container, nameOrNumber) {
  for (const p of container.ports || []) {
    if (typeof nameOrNumber === "string" && p.name === nameOrNumber) return p;
    if (typeof nameOrNumber === "number" && p.containerPort === nameOrNumber) return p;
  }
  return null;
}

function intOrPercent(value, total, roundUp) {
  if (typeof value === "number") return value;
  const m = /^(\d+)%$/.exec(String(value));
  if (!m) return null;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

// ---------------------------------------------------------------- checks

function checkContainerHardening(errs, where, pod, c) {
  const podSc = pod.securityContext || {};
  const sc = c.securityContext || {};
  const runAsNonRoot = sc.runAsNonRoot !== undefined ? sc.runAsNonRoot : podSc.runAsNonRoot;
  const runAsUser = sc.runAsUser !== undefined ? sc.runAsUser : podSc.runAsUser;
  const seccomp = sc.seccompProfile || podSc.seccompProfile;
  if (runAsNonRoot !== true) errs.push(`${where}: runAsNonRoot is not true`);
  if (runAsUser === 0) errs.push(`${where}: runAsUser is 0 (root)`);
  if (sc.privileged === true) errs.push(`${where}: privileged`);
  if (sc.allowPrivilegeEscalation !== false) errs.push(`${where}: allowPrivilegeEscalation is not false`);
  if (sc.readOnlyRootFilesystem !== true) errs.push(`${where}: readOnlyRootFilesystem is not true`);
  const caps = sc.capabilities || {};
  if (!(caps.drop || []).includes("ALL")) errs.push(`${where}: capabilities do not drop ALL`);
  if ((caps.add || []).length > 0) errs.push(`${where}: capabilities add ${caps.add.join(",")}`);
  if (!seccomp || !["RuntimeDefault", "Localhost"].includes(seccomp.type)) {
    errs.push(`${where}: seccompProfile is not RuntimeDefault/Localhost`);
  }
  const res = c.resources || {};
  if (!(res.limits && res.limits.memory)) errs.push(`${where}: no memory limit`);
  if (!(res.requests && res.requests.memory)) errs.push(`${where}: no memory request`);
  if (!(res.requests && res.requests.cpu)) errs.push(`${where}: no cpu request`);
}

function checkProbe(errs, where, kind, probe, grpcPort, wantService) {
  if (!probe) {
    errs.push(`${where}: no ${kind}`);
    return;
  }
  if (probe.grpc) {
    if (probe.grpc.port !== grpcPort) {
      errs.push(`${where}: ${kind} probes gRPC port ${probe.grpc.port}, not the grpc port ${grpcPort}`);
    }
    const service = probe.grpc.service || "";
    if (service !== wantService) {
      errs.push(`${where}: ${kind} asks health of "${service}", expected "${wantService}"`);
    }
  } else if (probe.exec) {
    // The tls overlay: `compdata --target=127.0.0.1:PORT ... health [SERVICE]`.
    const cmd = probe.exec.command || [];
    const target = cmd.find((a) => a.startsWith("--target="));
    const port = target ? portOfAddress(target.slice("--target=".length)) : null;
    if (port !== grpcPort) {
      errs.push(`${where}: ${kind} exec targets port ${port}, not the grpc port ${grpcPort}`);
    }
    const h = cmd.indexOf("health");
    if (h < 0) {
      errs.push(`${where}: ${kind} exec does not run \`health\``);
    } else {
      const service = cmd.slice(h + 1).filter((a) => !a.startsWith("--")).join(" ");
      if (service !== wantService) {
        errs.push(`${where}: ${kind} asks health of "${service}", expected "${wantService}"`);
      }
    }
  } else {
    errs.push(`${where}: ${kind} is neither a gRPC health probe nor \`compdata health\``);
  }
}

// Ports: exactly the two the server listens on, named grpc and metrics, as
// the rendered ConfigMap's addresses say; the scrape annotations agree.
function checkServerPorts(errs, s) {
  const { where, cw, c, env, tpl, objects } = s;
  const cms = byKind(objects, "ConfigMap");
  for (const name of ["COMPDATA_LISTEN_ADDRESS", "COMPDATA_METRICS_ADDRESS"]) {
    if (!cms.some((cm) => cm.data && cm.data[name] !== undefined)) {
      errs.push(`${where}: the rendered ConfigMap sets no ${name}`);
    }
  }
  s.grpcPort = portOfAddress(envString(env, "COMPDATA_LISTEN_ADDRESS"));
  s.metricsPort = portOfAddress(envString(env, "COMPDATA_METRICS_ADDRESS"));
  const grpcCp = containerPort(c, "grpc");
  const metricsCp = containerPort(c, "metrics");
  if (!grpcCp || grpcCp.containerPort !== s.grpcPort) {
    errs.push(`${cw}: container port grpc (${grpcCp && grpcCp.containerPort}) is not COMPDATA_LISTEN_ADDRESS's port ${s.grpcPort}`);
  }
  if (!metricsCp || metricsCp.containerPort !== s.metricsPort) {
    errs.push(`${cw}: container port metrics (${metricsCp && metricsCp.containerPort}) is not COMPDATA_METRICS_ADDRESS's port ${s.metricsPort}`);
  }
  if ((c.ports || []).length !== 2) {
    errs.push(`${cw}: ${(c.ports || []).length} container ports, expected grpc and metrics only`);
  }
  const ann = (tpl.metadata && tpl.metadata.annotations) || {};
  if (ann["prometheus.io/scrape"] !== "true") errs.push(`${where}: pod annotation prometheus.io/scrape is not "true"`);
  if (Number(ann["prometheus.io/port"]) !== s.metricsPort) {
    errs.push(`${where}: pod annotation prometheus.io/port ${ann["prometheus.io/port"]} is not the metrics port ${s.metricsPort}`);
  }
  if (ann["prometheus.io/path"] !== "/metrics") errs.push(`${where}: pod annotation prometheus.io/path is not /metrics`);
}

// Probes: gRPC health on the grpc port (or `compdata health` against it);
// the startup probe, on either service, allows at least 60 s.
function checkServerProbes(errs, s) {
  const { cw, c, grpcPort } = s;
  checkProbe(errs, cw, "readinessProbe", c.readinessProbe, grpcPort, GRPC_READY_SERVICE);
  checkProbe(errs, cw, "livenessProbe", c.livenessProbe, grpcPort, "");
  const sp = c.startupProbe;
  if (!sp) {
    errs.push(`${cw}: no startupProbe`);
    return;
  }
  const svc = (sp.grpc && sp.grpc.service) || "";
  checkProbe(errs, cw, "startupProbe", sp, grpcPort, svc === GRPC_READY_SERVICE ? GRPC_READY_SERVICE : "");
  const budget = (sp.failureThreshold || 3) * (sp.periodSeconds || 10);
  if (budget < 60) errs.push(`${cw}: startupProbe allows ${budget} s (failureThreshold x periodSeconds), less than 60 s`);
}

// Termination: grace > preStop + drain delay + shutdown grace.
function checkServerTermination(errs, s) {
  const { where, cw, c, env, pod } = s;
  const tgps = pod.terminationGracePeriodSeconds === undefined ? 30 : pod.terminationGracePeriodSeconds;
  const pre = preStopSeconds(c);
  const drain = parseDuration(envString(env, "COMPDATA_DRAIN_DELAY"));
  const grace = parseDuration(envString(env, "COMPDATA_SHUTDOWN_GRACE"));
  if (pre.seconds === null) errs.push(`${cw}: ${pre.why}`);
  if (drain === null) errs.push(`${cw}: COMPDATA_DRAIN_DELAY is not a duration`);
  if (grace === null) errs.push(`${cw}: COMPDATA_SHUTDOWN_GRACE is not a duration`);
  if (pre.seconds !== null && drain !== null && grace !== null && !(tgps > pre.seconds + drain + grace)) {
    errs.push(`${where}: terminationGracePeriodSeconds ${tgps} is not > preStop ${pre.seconds} + drain delay ${drain} + shutdown grace ${grace}`);
  }
}

// Database: the runtime role's Secret, no migrations at start.
function checkServerDatabase(errs, s) {
  const { where, cw, env, dep } = s;
  const url = env.COMPDATA_DATABASE_URL;
  if (!(url && url.secretKeyRef && url.secretKeyRef.name === RUNTIME_SECRET && url.secretKeyRef.key === "url")) {
    errs.push(`${cw}: COMPDATA_DATABASE_URL is not Secret ${RUNTIME_SECRET} key url`);
  }
  if (parseBool(envString(env, "COMPDATA_MIGRATE_ON_START")) !== false) {
    errs.push(`${cw}: COMPDATA_MIGRATE_ON_START is not false (the migration Job migrates)`);
  }
  if (s.c.command !== undefined) {
    errs.push(`${cw}: overrides the image's command (compdata-server)`);
  }
  if (JSON.stringify(dep).includes(`"${MIGRATE_SECRET}"`)) {
    errs.push(`${where}: refers to Secret ${MIGRATE_SECRET} (the schema owner's credentials)`);
  }
}

// Scheduling: spread over zones (soft) and nodes, selecting these pods.
function checkServerSpread(errs, s) {
  const { where, pod, labels } = s;
  const tsc = pod.topologySpreadConstraints || [];
  const zone = tsc.find((t) => t.topologyKey === "topology.kubernetes.io/zone");
  const host = tsc.find((t) => t.topologyKey === "kubernetes.io/hostname");
  if (!zone) errs.push(`${where}: no zone topologySpreadConstraint`);
  else if (zone.whenUnsatisfiable !== "ScheduleAnyway") errs.push(`${where}: zone spread is not ScheduleAnyway`);
  if (!host) errs.push(`${where}: no hostname topologySpreadConstraint`);
  for (const t of tsc) {
    if (!selectorMatches(t.labelSelector, labels)) {
      errs.push(`${where}: topologySpreadConstraint ${t.topologyKey} does not select the pods`);
    }
  }
}

// The Deployment: selector, replicas, token, then the server container's
// ports, probes, termination budget, database settings and spread. Returns
// what the other checks need of it, or null without a container.
function checkServer(errs, objects, expect, dep) {
  const where = idOf(dep);
  const tpl = dep.spec.template || {};
  const pod = tpl.spec || {};
  const labels = podLabels(tpl);
  if (!selectorMatches(dep.spec.selector, labels)) {
    errs.push(`${where}: spec.selector does not match its pod template labels`);
  }
  if (expect.replicas === null) {
    if (dep.spec.replicas !== undefined) {
      errs.push(`${where}: sets spec.replicas (${dep.spec.replicas}) though an HPA owns the count`);
    }
  } else if ((dep.spec.replicas === undefined ? 1 : dep.spec.replicas) !== expect.replicas) {
    errs.push(`${where}: replicas ${dep.spec.replicas}, expected ${expect.replicas}`);
  }
  if (pod.automountServiceAccountToken !== false) {
    errs.push(`${where}: automountServiceAccountToken is not false`);
  }
  const containers = pod.containers || [];
  const c = containers.find((x) => x.name === "compdata") || containers[0];
  if (!c) {
    errs.push(`${where}: no container`);
    return null;
  }
  const s = { where, cw: `${where} container ${c.name}`, c, env: effectiveEnv(c, objects), tpl, pod, labels, dep, objects };
  for (const k of Object.keys(s.env)) {
    if (k.startsWith("<missing")) errs.push(`${s.cw}: envFrom ${k}`);
  }
  checkServerPorts(errs, s);
  checkServerProbes(errs, s);
  checkServerTermination(errs, s);
  checkServerDatabase(errs, s);
  checkServerSpread(errs, s);
  return { labels, container: c, grpcPort: s.grpcPort, metricsPort: s.metricsPort, image: c.image };
}

function checkJob(errs, objects, job, server) {
  const where = idOf(job);
  const pod = (job.spec.template || {}).spec || {};
  if (job.spec.ttlSecondsAfterFinished === undefined) errs.push(`${where}: no ttlSecondsAfterFinished`);
  if (job.spec.backoffLimit === undefined) errs.push(`${where}: no backoffLimit`);
  if (!["Never", "OnFailure"].includes(pod.restartPolicy)) errs.push(`${where}: restartPolicy ${pod.restartPolicy}`);
  if (pod.automountServiceAccountToken !== false) errs.push(`${where}: automountServiceAccountToken is not false`);
  const c = (pod.containers || [])[0];
  if (!c) {
    errs.push(`${where}: no container`);
    return;
  }
  const env = effectiveEnv(c, objects);
  if (JSON.stringify(c.command || []) !== JSON.stringify([MIGRATE_COMMAND])) {
    errs.push(`${where}: command is not ["${MIGRATE_COMMAND}"]`);
  }
  const url = env.COMPDATA_DATABASE_URL;
  if (!(url && url.secretKeyRef && url.secretKeyRef.name === MIGRATE_SECRET && url.secretKeyRef.key === "url")) {
    errs.push(`${where}: COMPDATA_DATABASE_URL is not Secret ${MIGRATE_SECRET} key url`);
  }
  if (server && c.image !== server.image) {
    errs.push(`${where}: image ${c.image} is not the Deployment's ${server.image} (the migrations ship in the binary)`);
  }
  if (server && selectorMatches({ matchLabels: server.selectorLabels }, podLabels(job.spec.template || {}))) {
    errs.push(`${where}: its pods carry the serving pods' labels`);
  }
}

function checkServices(errs, objects, server, jobLabels) {
  const services = byKind(objects, "Service");
  for (const svc of services) {
    const where = idOf(svc);
    if (!serviceSelects(svc, server.labels)) {
      errs.push(`${where}: selector does not match the Deployment's pod labels`);
    }
    for (const jl of jobLabels) {
      if (serviceSelects(svc, jl)) errs.push(`${where}: selector matches the migration Job's pods`);
    }
    for (const p of svc.spec.ports || []) {
      const target = p.targetPort === undefined ? p.port : p.targetPort;
      if (!containerPort(server.container, target)) {
        errs.push(`${where}: port ${p.name} targets ${target}, which is no container port`);
      }
    }
  }
  const grpcSvc = services.find((s) => (s.spec.ports || []).some((p) => p.name === "grpc"));
  if (!grpcSvc) errs.push(`no Service with a port named grpc`);
  else if (grpcSvc.spec.clusterIP !== "None") errs.push(`${idOf(grpcSvc)}: not headless (clients balance per call over the pods)`);
}

function checkServiceMonitors(errs, objects, server) {
  const services = byKind(objects, "Service");
  const sms = byKind(objects, "ServiceMonitor");
  if (sms.length === 0) errs.push(`no ServiceMonitor`);
  for (const sm of sms) {
    const where = idOf(sm);
    const spec = sm.spec || {};
    const ns = spec.namespaceSelector;
    if (ns && !ns.any && (ns.matchNames || []).length > 0) {
      errs.push(`${where}: namespaceSelector looks outside its own namespace`);
    }
    const selected = services.filter((s) => selectorMatches(spec.selector, (s.metadata && s.metadata.labels) || {}));
    if (selected.length === 0) errs.push(`${where}: selector matches no Service`);
    const endpoints = spec.endpoints || [];
    if (endpoints.length === 0) errs.push(`${where}: no endpoints`);
    for (const ep of endpoints) {
      if (!ep.port) errs.push(`${where}: endpoint without a named port`);
      if ((ep.path || "/metrics") !== "/metrics") errs.push(`${where}: endpoint path ${ep.path}, the server serves /metrics`);
      for (const svc of selected) {
        const p = (svc.spec.ports || []).find((x) => x.name === ep.port);
        if (!p) {
          errs.push(`${where}: selects ${idOf(svc)}, which has no port named ${ep.port}`);
          continue;
        }
        const cp = containerPort(server.container, p.targetPort === undefined ? p.port : p.targetPort);
        if (!cp || cp.containerPort !== server.metricsPort) {
          errs.push(`${where}: ${idOf(svc)} port ${ep.port} does not reach the metrics port ${server.metricsPort}`);
        }
        if (!serviceSelects(svc, server.labels)) {
          errs.push(`${where}: ${idOf(svc)} does not select the serving pods`);
        }
      }
    }
  }
}

function checkPdb(errs, objects, expect, server, jobLabels) {
  const pdbs = byKind(objects, "PodDisruptionBudget");
  if (pdbs.length !== 1) {
    errs.push(`${pdbs.length} PodDisruptionBudgets, expected 1`);
    return;
  }
  const pdb = pdbs[0];
  const where = idOf(pdb);
  const sel = pdb.spec.selector;
  if (!sel) {
    errs.push(`${where}: no spec.selector (it protects no pod)`);
  } else if (!selectorMatches(sel, server.labels)) {
    errs.push(`${where}: selector does not match the Deployment's pod labels`);
  }
  for (const jl of jobLabels) {
    if (selectorMatches(sel, jl)) errs.push(`${where}: selector matches the migration Job's pods`);
  }
  const n = expect.replicas === null ? expect.hpa && expect.hpa.min : expect.replicas;
  let allowed = null;
  if (pdb.spec.maxUnavailable !== undefined) allowed = intOrPercent(pdb.spec.maxUnavailable, n, true);
  else if (pdb.spec.minAvailable !== undefined) {
    const min = intOrPercent(pdb.spec.minAvailable, n, true);
    allowed = min === null ? null : n - min;
  }
  if (allowed === null) {
    errs.push(`${where}: neither minAvailable nor maxUnavailable is usable`);
  } else if (allowed < 1) {
    errs.push(`${where}: allows no eviction at ${n} replica(s): node drains would hang`);
  } else if (n >= 3 && n - allowed < 2) {
    errs.push(`${where}: lets ${allowed} of ${n} replicas go at once, leaving fewer than 2`);
  }
}

function checkHpa(errs, objects, expect, dep) {
  const hpas = byKind(objects, "HorizontalPodAutoscaler");
  if (!expect.hpa) {
    if (hpas.length > 0) errs.push(`unexpected HorizontalPodAutoscaler`);
    return;
  }
  if (hpas.length !== 1) {
    errs.push(`${hpas.length} HorizontalPodAutoscalers, expected 1`);
    return;
  }
  const hpa = hpas[0];
  const where = idOf(hpa);
  const spec = hpa.spec || {};
  if (hpa.apiVersion !== "autoscaling/v2") errs.push(`${where}: apiVersion ${hpa.apiVersion}, expected autoscaling/v2`);
  const ref = spec.scaleTargetRef || {};
  if (ref.kind !== "Deployment" || ref.name !== dep.metadata.name || ref.apiVersion !== "apps/v1") {
    errs.push(`${where}: scaleTargetRef is not Deployment ${dep.metadata.name}`);
  }
  if (spec.minReplicas !== expect.hpa.min) errs.push(`${where}: minReplicas ${spec.minReplicas}, expected ${expect.hpa.min}`);
  if (spec.maxReplicas !== expect.hpa.max) errs.push(`${where}: maxReplicas ${spec.maxReplicas}, expected ${expect.hpa.max}`);
  const cpu = (spec.metrics || []).find((m) => m.type === "Resource" && m.resource && m.resource.name === "cpu");
  if (!cpu) errs.push(`${where}: no CPU resource metric`);
  const down = (spec.behavior || {}).scaleDown || {};
  if (!(down.stabilizationWindowSeconds > 0)) errs.push(`${where}: no scaleDown stabilizationWindowSeconds`);
}

function ruleKey(p) {
  return `${p.protocol || "TCP"}/${p.port}`;
}

function checkNetworkPolicy(errs, objects, server, jobLabels) {
  const nps = byKind(objects, "NetworkPolicy").filter((np) => selectorMatches(np.spec.podSelector, server.labels));
  if (nps.length !== 1) {
    errs.push(`${nps.length} NetworkPolicies select the serving pods, expected 1`);
    return;
  }
  const np = nps[0];
  const where = idOf(np);
  for (const jl of jobLabels) {
    if (!selectorMatches(np.spec.podSelector, jl)) errs.push(`${where}: does not cover the migration Job's pods`);
  }
  const types = np.spec.policyTypes || [];
  if (!types.includes("Ingress") || !types.includes("Egress")) errs.push(`${where}: policyTypes is not Ingress and Egress`);
  const resolve = (p) => {
    if (typeof p.port === "string") {
      const cp = containerPort(server.container, p.port);
      return { ...p, port: cp ? cp.containerPort : p.port };
    }
    return p;
  };
  const setOf = (rules, dir) => {
    const keys = new Set();
    for (const r of rules || []) {
      if (!r.ports || r.ports.length === 0) errs.push(`${where}: an ${dir} rule without ports allows every port`);
      for (const p of r.ports || []) {
        if (p.endPort !== undefined) errs.push(`${where}: ${dir} port range ${p.port}-${p.endPort}`);
        keys.add(ruleKey(resolve(p)));
      }
    }
    return [...keys].sort();
  };
  const want = (xs) => [...xs].sort().join(" ");
  const ingress = setOf(np.spec.ingress, "ingress");
  const egress = setOf(np.spec.egress, "egress");
  const wantIn = [`TCP/${server.grpcPort}`, `TCP/${server.metricsPort}`];
  const wantOut = ["TCP/5432", "UDP/53", "TCP/53"];
  if (ingress.join(" ") !== want(wantIn)) errs.push(`${where}: ingress ports [${ingress.join(" ")}], expected [${want(wantIn)}]`);
  if (egress.join(" ") !== want(wantOut)) errs.push(`${where}: egress ports [${egress.join(" ")}], expected [${want(wantOut)}]`);
  // /metrics only from the monitoring namespace; gRPC from pods, not the world.
  for (const r of np.spec.ingress || []) {
    const ports = (r.ports || []).map((p) => resolve(p).port);
    const from = r.from || [];
    if (from.length === 0) errs.push(`${where}: an ingress rule admits every source`);
    for (const f of from) {
      if (f.ipBlock) errs.push(`${where}: an ingress rule admits an ipBlock`);
      if (ports.includes(server.metricsPort)) {
        const ns = f.namespaceSelector && f.namespaceSelector.matchLabels;
        if (!ns || ns["kubernetes.io/metadata.name"] !== MONITORING_NAMESPACE || f.podSelector) {
          errs.push(`${where}: the metrics port is open to more than the ${MONITORING_NAMESPACE} namespace`);
        }
      }
    }
  }
}

function checkImages(errs, objects, expect) {
  for (const { owner, template } of podTemplates(objects)) {
    const pod = template.spec || {};
    for (const c of [...(pod.initContainers || []), ...(pod.containers || [])]) {
      const ref = imageReference(c.image || "");
      const where = `${idOf(owner)} container ${c.name}`;
      if (!c.image) errs.push(`${where}: no image`);
      if (expect.pinnedImage) {
        if (ref.digest) {
          if (!/^sha256:[0-9a-f]{64}$/.test(ref.digest)) errs.push(`${where}: malformed digest ${ref.digest}`);
        } else if (!ref.tag || ["latest", "dev"].includes(ref.tag)) {
          errs.push(`${where}: image ${c.image} is not pinned (a release tag or a digest; never dev or latest)`);
        }
      }
    }
  }
}

function checkOverlay(objects, expect) {
  const errs = [];
  const deps = byKind(objects, "Deployment");
  const jobs = byKind(objects, "Job");
  if (deps.length !== 1) {
    errs.push(`${deps.length} Deployments, expected 1`);
    return errs;
  }
  const dep = deps[0];
  if (jobs.length !== 1) errs.push(`${jobs.length} Jobs, expected 1 (the migration)`);
  for (const { owner, template } of podTemplates(objects)) {
    const pod = template.spec || {};
    for (const c of [...(pod.initContainers || []), ...(pod.containers || [])]) {
      checkContainerHardening(errs, `${idOf(owner)} container ${c.name}`, pod, c);
    }
  }
  const server = checkServer(errs, objects, expect, dep);
  if (server === null) return errs;
  server.selectorLabels = (dep.spec.selector && dep.spec.selector.matchLabels) || {};
  const jobLabels = jobs.map((j) => podLabels(j.spec.template || {}));
  for (const job of jobs) checkJob(errs, objects, job, server);
  checkServices(errs, objects, server, jobLabels);
  checkServiceMonitors(errs, objects, server);
  checkPdb(errs, objects, expect, server, jobLabels);
  checkHpa(errs, objects, expect, dep);
  checkNetworkPolicy(errs, objects, server, jobLabels);
  checkImages(errs, objects, expect);
  return errs;
}

module.exports = { checkOverlay, parseDuration, selectorMatches, imageReference };
