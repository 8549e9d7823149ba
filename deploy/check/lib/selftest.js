"use strict";
// Negative tests of the checks themselves: each case breaks one thing in a
// copy of a rendered overlay (prod unless it says otherwise) and expects the
// schema or policy check to report it with the given text. A case the checks
// let through fails the run, so a check cannot silently stop checking.

const find = (objs, kind) => objs.find((o) => o.kind === kind);
const dep = (objs) => find(objs, "Deployment");
const pod = (objs) => dep(objs).spec.template.spec;
const server = (objs) => pod(objs).containers[0];
const job = (objs) => find(objs, "Job");
const jobContainer = (objs) => job(objs).spec.template.spec.containers[0];
const cm = (objs) => find(objs, "ConfigMap");
const np = (objs) => find(objs, "NetworkPolicy");
const svc = (objs, name) => objs.find((o) => o.kind === "Service" && o.metadata.name === name);
const envVar = (c, name) => c.env.find((e) => e.name === name);

const CASES = [
  // Schemas: unknown fields at several depths, and a wrong type.
  ["unknown field in a container (typo of readOnlyRootFilesystem)", "unknown field /spec/template/spec/containers/0/securityContext/readOnlyRootFileSystem",
    (o) => { server(o).securityContext.readOnlyRootFileSystem = true; }],
  ["unknown field in the pod spec", "unknown field /spec/template/spec/automountServiceAccountTokens",
    (o) => { pod(o).automountServiceAccountTokens = false; }],
  ["unknown field at the top of an object", "unknown field /specs",
    (o) => { find(o, "PodDisruptionBudget").specs = {}; }],
  ["unknown field in metadata", "unknown field /metadata/label",
    (o) => { find(o, "NetworkPolicy").metadata.label = { a: "b" }; }],
  ["unknown field in a ServiceMonitor endpoint", "unknown field /spec/endpoints/0/targetport",
    (o) => { find(o, "ServiceMonitor").spec.endpoints[0].targetport = 9464; }],
  ["unknown field in the HPA's behavior", "unknown field /spec/behavior/scaleDown/stabilizationWindow",
    (o) => { find(o, "HorizontalPodAutoscaler").spec.behavior.scaleDown.stabilizationWindow = 60; }],
  ["unknown field in a NetworkPolicy port (typo of protocol)", "unknown field /spec/ingress/0/ports/0/protcol",
    (o) => { np(o).spec.ingress[0].ports[0].protcol = "TCP"; }],
  ["unknown field in the Job spec (typo of ttlSecondsAfterFinished)", "unknown field /spec/ttlSecondsAfterFinish",
    (o) => { job(o).spec.ttlSecondsAfterFinish = 60; }],
  ["a string where the schema wants an integer", "schema: /spec/backoffLimit must be integer",
    (o) => { job(o).spec.backoffLimit = "3"; }],
  ["an unknown kind", "no schema for apiVersion example.com/v1 kind Widget",
    (o) => { o.push({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } }); }],

  // Selectors.
  ["PDB without a selector", "PodDisruptionBudget/compdata: no spec.selector",
    (o) => { delete find(o, "PodDisruptionBudget").spec.selector; }],
  ["PDB selecting other pods", "PodDisruptionBudget/compdata: selector does not match",
    (o) => { find(o, "PodDisruptionBudget").spec.selector.matchLabels["app.kubernetes.io/component"] = "api"; }],
  ["PDB selecting the migration pods too", "PodDisruptionBudget/compdata: selector matches the migration Job's pods",
    (o) => { delete find(o, "PodDisruptionBudget").spec.selector.matchLabels["app.kubernetes.io/component"]; }],
  ["PDB blocking every eviction", "allows no eviction",
    (o) => { const s = find(o, "PodDisruptionBudget").spec; delete s.maxUnavailable; s.minAvailable = 3; }],
  ["Service selecting other pods", "Service/compdata: selector does not match",
    (o) => { svc(o, "compdata").spec.selector["app.kubernetes.io/name"] = "other"; }],
  ["Service selecting the migration pods", "Service/compdata: selector matches the migration Job's pods",
    (o) => { delete svc(o, "compdata").spec.selector["app.kubernetes.io/component"]; }],
  ["ServiceMonitor selecting no Service", "ServiceMonitor/compdata: selector matches no Service",
    (o) => { find(o, "ServiceMonitor").spec.selector.matchLabels["compdata/metrics"] = "false"; }],
  ["ServiceMonitor on a Service without a metrics port", "has no port named metrics",
    (o) => { svc(o, "compdata-metrics").spec.ports[0].name = "http"; }],

  // Container hardening.
  ["writable root filesystem", "readOnlyRootFilesystem is not true",
    (o) => { server(o).securityContext.readOnlyRootFilesystem = false; }],
  ["capabilities not dropped (Job)", "Job/compdata-migrate container migrate: capabilities do not drop ALL",
    (o) => { delete jobContainer(o).securityContext.capabilities; }],
  ["root allowed", "runAsNonRoot is not true",
    (o) => { delete pod(o).securityContext.runAsNonRoot; }],
  ["no memory limit", "no memory limit",
    (o) => { delete server(o).resources.limits; }],
  ["no cpu request (Job)", "Job/compdata-migrate container migrate: no cpu request",
    (o) => { delete jobContainer(o).resources.requests.cpu; }],
  ["service account token mounted", "Deployment/compdata: automountServiceAccountToken is not false",
    (o) => { delete pod(o).automountServiceAccountToken; }],

  // Probes and ports.
  ["readiness probe on another port", "readinessProbe probes gRPC port 50052",
    (o) => { server(o).readinessProbe.grpc.port = 50052; }],
  ["readiness probe asking the liveness service", "readinessProbe asks health of \"\"",
    (o) => { delete server(o).readinessProbe.grpc.service; }],
  ["startup probe budget under 60 s", "startupProbe allows 30 s",
    (o) => { server(o).startupProbe.failureThreshold = 15; }],
  ["ConfigMap listening elsewhere than the container port", "container port grpc (50051) is not COMPDATA_LISTEN_ADDRESS's port 50052",
    (o) => { cm(o).data.COMPDATA_LISTEN_ADDRESS = "0.0.0.0:50052"; }],
  ["metrics address moved", "container port metrics (9464) is not COMPDATA_METRICS_ADDRESS's port 9100",
    (o) => { cm(o).data.COMPDATA_METRICS_ADDRESS = "0.0.0.0:9100"; }],
  ["tls: exec probe against another port", "readinessProbe exec targets port 50052",
    (o) => {
      const cmd = server(o).readinessProbe.exec.command;
      cmd[cmd.findIndex((a) => a.startsWith("--target="))] = "--target=127.0.0.1:50052";
    }, "tls"],

  // Termination.
  ["grace period too short", "terminationGracePeriodSeconds 25 is not > preStop 0 + drain delay 5 + shutdown grace 20",
    (o) => { pod(o).terminationGracePeriodSeconds = 25; }],
  ["a preStop sleep on top of the drain delay", "terminationGracePeriodSeconds 30 is not > preStop 10 + drain delay 5 + shutdown grace 20",
    (o) => { server(o).lifecycle = { preStop: { exec: { command: ["/bin/sleep", "10"] } } }; }],
  ["a longer drain delay", "is not > preStop 0 + drain delay 10 + shutdown grace 20",
    (o) => { cm(o).data.COMPDATA_DRAIN_DELAY = "10s"; }],

  // Migrations and credentials.
  ["the server migrating at start", "COMPDATA_MIGRATE_ON_START is not false",
    (o) => { envVar(server(o), "COMPDATA_MIGRATE_ON_START").value = "true"; }],
  ["the Job running the server", "Job/compdata-migrate: command is not",
    (o) => { delete jobContainer(o).command; }],
  ["the Job with the runtime role", "COMPDATA_DATABASE_URL is not Secret compdata-database-migrate",
    (o) => { envVar(jobContainer(o), "COMPDATA_DATABASE_URL").valueFrom.secretKeyRef.name = "compdata-database"; }],
  ["the server with the schema owner's role", "Deployment/compdata: refers to Secret compdata-database-migrate",
    (o) => { envVar(server(o), "COMPDATA_DATABASE_URL").valueFrom.secretKeyRef.name = "compdata-database-migrate"; }],
  ["the Job without a TTL", "no ttlSecondsAfterFinished",
    (o) => { delete job(o).spec.ttlSecondsAfterFinished; }],
  ["the Job on another image", "is not the Deployment's",
    (o) => { jobContainer(o).image = "compdata:0.0.9"; }],

  // Images, replicas, autoscaling.
  ["prod on :latest", "is not pinned",
    (o) => { server(o).image = "compdata:latest"; }],
  ["prod on :dev (Job)", "Job/compdata-migrate container migrate: image compdata:dev is not pinned",
    (o) => { jobContainer(o).image = "compdata:dev"; server(o).image = "compdata:dev"; }],
  ["prod with replicas the HPA owns", "sets spec.replicas (3) though an HPA owns the count",
    (o) => { dep(o).spec.replicas = 3; }],
  ["prod HPA max changed", "maxReplicas 20, expected 10",
    (o) => { find(o, "HorizontalPodAutoscaler").spec.maxReplicas = 20; }],
  ["prod HPA without scale-down stabilization", "no scaleDown stabilizationWindowSeconds",
    (o) => { delete find(o, "HorizontalPodAutoscaler").spec.behavior.scaleDown.stabilizationWindowSeconds; }],
  ["no zone spread", "no zone topologySpreadConstraint",
    (o) => { pod(o).topologySpreadConstraints = pod(o).topologySpreadConstraints.filter((t) => t.topologyKey !== "topology.kubernetes.io/zone"); }],

  // NetworkPolicy.
  ["an extra ingress port", "ingress ports [TCP/50051 TCP/8080 TCP/9464]",
    (o) => { np(o).spec.ingress[0].ports.push({ protocol: "TCP", port: 8080 }); }],
  ["DNS over UDP not allowed", "egress ports [TCP/53 TCP/5432]",
    (o) => { np(o).spec.egress[1].ports = np(o).spec.egress[1].ports.filter((p) => p.protocol !== "UDP"); }],
  ["an egress rule open to every port", "an egress rule without ports allows every port",
    (o) => { np(o).spec.egress.push({ to: [{ podSelector: {} }] }); }],
  ["metrics open to every namespace", "the metrics port is open to more than the monitoring namespace",
    (o) => { np(o).spec.ingress[1].from = [{ namespaceSelector: {} }]; }],
];

function runSelfTest(rendered, check) {
  const failures = [];
  let passed = 0;
  for (const [name, want, mutate, overlay = "prod"] of CASES) {
    const base = rendered[overlay];
    if (!base) {
      failures.push(`${name}: overlay ${overlay} was not rendered`);
      continue;
    }
    const objects = JSON.parse(JSON.stringify(base.objects));
    mutate(objects);
    const errs = check(objects, overlay);
    if (errs.some((e) => e.includes(want))) {
      passed += 1;
      console.log(`  ok: ${name}`);
    } else {
      failures.push(`${name}: expected an error containing "${want}", got ${errs.length ? errs.join("; ") : "none"}`);
    }
  }
  return { passed, failures };
}

module.exports = { runSelfTest, CASES };
