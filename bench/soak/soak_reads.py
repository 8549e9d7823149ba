"""Mixed reads against a live server for bench/soak.sh.

usage: soak_reads.py --stubs=DIR TARGET SECONDS THREADS OUT_JSON

THREADS threads call GetRole, ListRoles, GetSalaryDistribution (half of
them with a percentile no cache holds), CompareRoles and GetSkillOverlap in
turn for SECONDS, each call with a 5 s deadline; writes the counts of OK
calls and of failures by code to OUT_JSON. Run with /usr/bin/python3
(Debian's grpcio)."""

import json
import sys
import threading
import time


def main(argv):
    stubs = argv[1].split("=", 1)[1]
    target, seconds, threads, out = argv[2], float(argv[3]), int(argv[4]), argv[5]
    sys.path.insert(0, stubs)
    import grpc
    from compdata.v1 import compensation_service_pb2 as pb
    from compdata.v1 import compensation_service_pb2_grpc as rpc_pb

    roles = ["ai-engineer", "software-engineer", "data-scientist"]
    ok = [0] * threads
    failures = {}
    lock = threading.Lock()
    stop = time.time() + seconds

    def run(index):
        channel = grpc.insecure_channel(target)
        stub = rpc_pb.CompensationServiceStub(channel)
        n = index
        while time.time() < stop:
            n += threads
            role = roles[n % len(roles)]
            unique = (n % 1_000_000) * 1e-4
            calls = [
                lambda: stub.GetRole(pb.GetRoleRequest(role=role), timeout=5),
                lambda: stub.ListRoles(pb.ListRolesRequest(), timeout=5),
                lambda: stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
                    role=role, percentiles=[10, 50, 90] + ([unique] if n % 2 else [])),
                    timeout=5),
                lambda: stub.CompareRoles(pb.CompareRolesRequest(
                    roles=[roles[0], roles[1]]), timeout=5),
                lambda: stub.GetSkillOverlap(pb.GetSkillOverlapRequest(
                    roles=[roles[0], roles[1]]), timeout=5),
            ]
            try:
                calls[n % len(calls)]()
                ok[index] += 1
            except grpc.RpcError as e:
                with lock:
                    key = e.code().name
                    failures[key] = failures.get(key, 0) + 1
        channel.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    with open(out, "w") as f:
        json.dump({"ok": sum(ok), "failures": failures}, f)


if __name__ == "__main__":
    main(sys.argv)
