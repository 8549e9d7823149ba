"""compdata_channel against live servers: what the C++ client library does.

A second server on the same data requires a bearer token (scope read), a
third speaks TLS only. Through one channel over the live server and the
token server (round_robin, client-side health checking, reads retried on
UNAVAILABLE), calls reach both; the token server's SIGTERM (drain delay)
costs no call; the token is required where the server asks for one; TLS
works with the right roots and name. Needs the environment of
tests/clients/with_live_server.sh.
"""

import os
import re
import signal
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.request

import grpc

from compdata.v1 import compensation_service_pb2 as pb
from compdata.v1 import compensation_service_pb2_grpc as pb_grpc
from compdata_channel import channel

TARGET = os.environ["COMPDATA_TARGET"]
DATABASE_URL = os.environ["LIVE_DATABASE_URL"]
SERVER_BIN = os.environ["LIVE_SERVER_BIN"]
TOKEN = "python-channel-token"


class Server:
    """compdata-server on a free loopback port, stopped with SIGTERM."""

    def __init__(self, workdir, name, *flags):
        self.port_file = os.path.join(workdir, name + ".port")
        self.metrics_file = os.path.join(workdir, name + ".metrics")
        self.log = open(os.path.join(workdir, name + ".log"), "w")
        self.process = subprocess.Popen(
            [SERVER_BIN, "--database_url=" + DATABASE_URL,
             "--listen_address=127.0.0.1:0", "--port_file=" + self.port_file,
             "--metrics_address=127.0.0.1:0",
             "--metrics_port_file=" + self.metrics_file, *flags],
            stderr=self.log)
        deadline = time.time() + 30
        while not os.path.exists(self.port_file) or not open(self.port_file).read().strip():
            if self.process.poll() is not None or time.time() > deadline:
                raise RuntimeError(name + " did not start")
            time.sleep(0.05)
        self.target = "127.0.0.1:" + open(self.port_file).read().strip()

    def handled(self, method, code="OK"):
        port = open(self.metrics_file).read().strip()
        text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics").read().decode()
        total = 0.0
        for labels, value in re.findall(
                r'^grpc_server_handled_total\{([^}]*)\} (\S+)$', text, re.M):
            pairs = dict(re.findall(r'(\w+)="([^"]*)"', labels))
            if pairs.get("grpc_method") == method and pairs.get("grpc_code") == code:
                total += float(value)
        return total

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        code = self.process.wait(timeout=60)
        self.log.close()
        return code


def list_roles(ch, **kwargs):
    return pb_grpc.CompensationServiceStub(ch).ListRoles(
        pb.ListRolesRequest(), timeout=10, **kwargs)


class ChannelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="compdata-channel-")
        tokens = os.path.join(cls.dir, "tokens")
        with open(tokens, "w") as f:
            f.write(TOKEN + " read\n")
        cls.token_server = Server(cls.dir, "token", "--auth_tokens_file=" + tokens,
                                  "--drain_delay=2s")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
             "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
             "-subj", "/CN=compdata.test", "-addext",
             "subjectAltName=DNS:compdata.test",
             "-keyout", os.path.join(cls.dir, "key.pem"),
             "-out", os.path.join(cls.dir, "cert.pem")],
            check=True, capture_output=True)
        cls.tls_server = Server(
            cls.dir, "tls", "--tls_cert_file=" + os.path.join(cls.dir, "cert.pem"),
            "--tls_key_file=" + os.path.join(cls.dir, "key.pem"))

    @classmethod
    def tearDownClass(cls):
        cls.token_server.stop()
        cls.tls_server.stop()

    def test_a_token_is_sent_where_the_server_asks_for_one(self):
        with channel(self.token_server.target) as ch:
            with self.assertRaises(grpc.RpcError) as refused:
                list_roles(ch)
            self.assertEqual(refused.exception.code(), grpc.StatusCode.UNAUTHENTICATED)
        with channel(self.token_server.target, token=TOKEN) as ch:
            self.assertGreater(len(list_roles(ch).roles), 0)

    def test_b_tls_with_the_right_roots_and_name(self):
        cert = open(os.path.join(self.dir, "cert.pem"), "rb").read()
        with channel(self.tls_server.target, root_certificates=cert,
                     server_name="compdata.test") as ch:
            self.assertGreater(len(list_roles(ch).roles), 0)
        with channel(self.tls_server.target) as ch:  # plaintext to a TLS port
            with self.assertRaises(grpc.RpcError) as refused:
                list_roles(ch, wait_for_ready=False)
            self.assertEqual(refused.exception.code(), grpc.StatusCode.UNAVAILABLE)

    def test_c_round_robin_and_a_drained_server_costs_no_call(self):
        both = "ipv4:%s,%s" % (TARGET, self.token_server.target)
        before = self.token_server.handled("ListRoles")
        with channel(both, token=TOKEN) as ch:
            for _ in range(40):
                list_roles(ch)
            self.assertGreaterEqual(self.token_server.handled("ListRoles") - before, 10,
                                    "round_robin sends the token server its share")
            failures = []
            stop = threading.Event()

            def calls():
                while not stop.is_set():
                    try:
                        list_roles(ch)
                    except grpc.RpcError as e:
                        failures.append(e.code())

            workers = [threading.Thread(target=calls) for _ in range(4)]
            for w in workers:
                w.start()
            time.sleep(0.5)
            exit_code = self.token_server.stop()  # 2 s drain, then shutdown
            time.sleep(0.5)
            stop.set()
            for w in workers:
                w.join()
        self.assertEqual(exit_code, 0)
        self.assertEqual(failures, [], "no call fails while a server drains")


if __name__ == "__main__":
    unittest.main()
