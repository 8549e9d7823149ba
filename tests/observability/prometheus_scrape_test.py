"""A real Prometheus scrapes a live compdata-server while this test drives
calls; Prometheus's HTTP API must then report exactly the counts per method
and code that the calls produced. The rules load and evaluate in it, and
every query of the Grafana dashboard (deploy/grafana) runs against it.

Runs under tests/clients/with_live_server.sh (COMPDATA_TARGET,
COMPDATA_METRICS_TARGET, COMPDATA_SOURCE_DIR) with the generated stubs on
PYTHONPATH. Starts Debian's /usr/bin/prometheus on a free loopback port with
deploy/prometheus/rules.yml loaded, so the rules are also checked to load and
evaluate in a real server.
"""

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

import grpc
from google.protobuf import json_format

from compdata.v1 import common_pb2
from compdata.v1 import compensation_service_pb2 as pb
from compdata.v1 import compensation_service_pb2_grpc as pb_grpc
from compdata.v1 import ingest_service_pb2 as ipb
from compdata.v1 import ingest_service_pb2_grpc as ipb_grpc

TARGET = os.environ["COMPDATA_TARGET"]
METRICS = os.environ["COMPDATA_METRICS_TARGET"]
SOURCE = os.environ["COMPDATA_SOURCE_DIR"]
SERVICE = "compdata.v1.CompensationService"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_json(url):
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.load(r)


def exposition():
    """The server's /metrics as {series text: value}."""
    with urllib.request.urlopen(f"http://{METRICS}/metrics", timeout=5) as r:
        text = r.read().decode()
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            series, value = line.rsplit(" ", 1)
            out[series] = float(value)
    return out


def series(name, **labels):
    """The series as the server writes it (labels in the server's order)."""
    if not labels:
        return name
    body = ",".join(f'{k}="{v}"' for k, v in labels.items())
    return f"{name}{{{body}}}"


def promql(name, **labels):
    body = ",".join(f'{k}="{v}"' for k, v in labels.items())
    return f"{name}{{{body}}}"


def handled(method, code, kind="unary", service=SERVICE):
    return dict(grpc_type=kind, grpc_service=service, grpc_method=method,
                grpc_code=code)


class PrometheusScrapeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="compdata-prom-")
        cls.port = free_port()
        rules = os.path.join(SOURCE, "deploy/prometheus/rules.yml")
        config = os.path.join(cls.dir, "prometheus.yml")
        with open(config, "w") as f:
            f.write(f"""global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: ["{rules}"]
scrape_configs:
  - job_name: compdata
    static_configs:
      - targets: ["{METRICS}"]
""")
        cls.log = open(os.path.join(cls.dir, "prometheus.log"), "w")
        cls.prom = subprocess.Popen(
            ["/usr/bin/prometheus", f"--config.file={config}",
             f"--storage.tsdb.path={cls.dir}/data",
             f"--web.listen-address=127.0.0.1:{cls.port}"],
            stdout=cls.log, stderr=subprocess.STDOUT)
        cls.api = f"http://127.0.0.1:{cls.port}/api/v1"
        cls.wait_for(lambda: cls.query('up{job="compdata"}') == 1.0,
                     "Prometheus never scraped compdata")

    @classmethod
    def tearDownClass(cls):
        cls.prom.terminate()
        cls.prom.wait(timeout=30)
        cls.log.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    @classmethod
    def query(cls, expr):
        """The value of an instant query with one result, else None."""
        try:
            url = f"{cls.api}/query?" + urllib.parse.urlencode({"query": expr})
            result = http_json(url)["data"]["result"]
        except (OSError, KeyError, ValueError):
            return None
        return float(result[0]["value"][1]) if len(result) == 1 else None

    @staticmethod
    def wait_for(check, message, timeout=60):
        until = time.time() + timeout
        while time.time() < until:
            if check():
                return
            time.sleep(0.2)
        raise AssertionError(message)

    def drive(self):
        channel = grpc.insecure_channel(TARGET)
        reads = pb_grpc.CompensationServiceStub(channel)
        for _ in range(5):
            reads.GetRole(pb.GetRoleRequest(role="ai-engineer"), timeout=5)
        for _ in range(3):
            with self.assertRaises(grpc.RpcError) as e:
                reads.GetRole(pb.GetRoleRequest(role="no-such-role"), timeout=5)
            self.assertEqual(e.exception.code(), grpc.StatusCode.NOT_FOUND)
        for _ in range(4):
            with self.assertRaises(grpc.RpcError) as e:
                reads.GetSalaryDistribution(
                    pb.GetSalaryDistributionRequest(), timeout=5)
            self.assertEqual(e.exception.code(),
                             grpc.StatusCode.INVALID_ARGUMENT)
        # One ingest stream of two messages: a seed role sent again
        # (updated) and a role with a malformed slug (rejected).
        with open(os.path.join(SOURCE, "db/seed/roles.jsonl")) as f:
            seed = json.loads(f.readline())
        first = ipb.IngestRolesRequest()
        json_format.ParseDict(seed, first.roles.add())
        second = ipb.IngestRolesRequest()
        second.roles.add(slug="Not A Slug!", title="Bad")
        ingest = ipb_grpc.IngestServiceStub(channel)
        responses = list(ingest.IngestRoles(iter([first, second]), timeout=30))
        channel.close()
        acks = [r.batch_ack for r in responses if r.HasField("batch_ack")]
        summary = responses[-1].summary
        self.assertEqual((summary.received, summary.updated, summary.rejected),
                         (2, 1, 1))
        rejected = [rr for a in acks for rr in a.rejected_records]
        return len(responses), len(acks), rejected[0].reason

    def test_prometheus_sees_exact_counts_per_method_and_code(self):
        before = exposition()
        sent, batches, reason_value = self.drive()
        reason = ipb.RejectReason.Name(reason_value).removeprefix(
            "REJECT_REASON_").lower()
        ingest = dict(grpc_type="bidi_stream",
                      grpc_service="compdata.v1.IngestService",
                      grpc_method="IngestRoles")
        unary_get_role = dict(grpc_type="unary", grpc_service=SERVICE,
                              grpc_method="GetRole")
        expected_delta = [
            ("grpc_server_handled_total", handled("GetRole", "OK"), 5),
            ("grpc_server_handled_total", handled("GetRole", "NotFound"), 3),
            ("grpc_server_handled_total",
             handled("GetSalaryDistribution", "InvalidArgument"), 4),
            ("grpc_server_started_total", unary_get_role, 8),
            ("grpc_server_msg_received_total", unary_get_role, 8),
            ("grpc_server_msg_sent_total", unary_get_role, 5),
            # The handling-time histogram counts every handled call.
            ("grpc_server_handling_seconds_count", unary_get_role, 8),
            ("grpc_server_handled_total", dict(ingest, grpc_code="OK"), 1),
            ("grpc_server_msg_received_total", ingest, 2),
            ("grpc_server_msg_sent_total", ingest, sent),
            ("compdata_ingest_records_total",
             dict(kind="role", outcome="updated"), 1),
            ("compdata_ingest_records_total",
             dict(kind="role", outcome="rejected"), 1),
            ("compdata_ingest_rejected_total", dict(kind="role", reason=reason),
             1),
            ("compdata_ingest_batches_total", dict(kind="role"), batches),
        ]
        after = exposition()
        for name, labels, delta in expected_delta:
            key = series(name, **labels)
            self.assertIn(key, after)
            self.assertEqual(after[key] - before.get(key, 0), delta, key)

        # Prometheus, once it has scraped after the calls, holds exactly the
        # values the server exposes.
        done = time.time()
        self.wait_for(
            lambda: (self.query('timestamp(up{job="compdata"})') or 0) > done + 1,
            "no scrape after the calls")
        for name, labels, _ in expected_delta:
            got = self.query(promql(name, job="compdata", **labels))
            self.assertEqual(got, after[series(name, **labels)],
                             f"{name} {labels}")

    def test_rules_load_and_evaluate_in_a_real_prometheus(self):
        self.wait_for(
            lambda: all(r.get("lastEvaluation", "").startswith("2")
                        and not r["lastEvaluation"].startswith("0001")
                        for g in http_json(f"{self.api}/rules")["data"]["groups"]
                        for r in g["rules"]),
            "rules never evaluated")
        groups = http_json(f"{self.api}/rules")["data"]["groups"]
        self.assertGreater(sum(len(g["rules"]) for g in groups), 5)
        for g in groups:
            for r in g["rules"]:
                self.assertEqual(r["health"], "ok", (r["name"], r.get("lastError")))
        # A recording rule over the live series has a value.
        self.wait_for(
            lambda: self.query(
                'sum(compdata:grpc_server_handled:rate5m{job="compdata"})') is not None,
            "recording rule has no value")
        # Nothing fires against a healthy server.
        alerts = http_json(f"{self.api}/alerts")["data"]["alerts"]
        self.assertEqual([a for a in alerts if a["state"] == "firing"], [])

    def test_every_dashboard_query_runs_and_the_main_ones_have_data(self):
        with open(os.path.join(SOURCE, "deploy/grafana/compdata.json")) as f:
            dashboard = json.load(f)
        exprs = [t["expr"] for p in dashboard["panels"]
                 for t in p.get("targets", [])]
        self.assertGreater(len(exprs), 20)
        # Rates need two scrapes inside their window.
        time.sleep(2.5)
        empty = []
        for expr in exprs:
            concrete = (expr.replace("$job", "compdata")
                        .replace("$instance", ".*")
                        .replace("$__rate_interval", "1m"))
            url = f"{self.api}/query?" + urllib.parse.urlencode(
                {"query": concrete})
            answer = http_json(url)
            self.assertEqual(answer["status"], "success", concrete)
            if not answer["data"]["result"]:
                empty.append(concrete)
        # Only panels of events this run may not have had (rejects,
        # pool errors, withheld statistics) may be empty.
        self.assertLessEqual(len(empty), 4, empty)


if __name__ == "__main__":
    unittest.main()
