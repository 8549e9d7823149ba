"""Calls one RPC N times on one channel, for bench/query/profile.sh.

usage: profile_calls.py --stubs=DIR TARGET health|distribution|compare|compare_masked N FIRST

Requests from FIRST on each carry a percentile unique to their number, so
no response cache answers them. Run it with /usr/bin/python3 (Debian's
grpcio)."""

import sys


def main(argv):
    stubs = argv[1].split("=", 1)[1]
    target, rpc, calls, first = argv[2], argv[3], int(argv[4]), int(argv[5])
    sys.path.insert(0, stubs)
    import grpc
    from compdata.v1 import compensation_service_pb2 as pb
    from compdata.v1 import compensation_service_pb2_grpc as rpc_pb

    channel = grpc.insecure_channel(target)
    stub = rpc_pb.CompensationServiceStub(channel)
    health = channel.unary_unary("/grpc.health.v1.Health/Check",
                                 request_serializer=lambda x: x,
                                 response_deserializer=lambda x: x)
    for n in range(first, first + calls):
        unique = (n % 100_000_000) * 1e-6  # in [0, 100), one per n
        if rpc == "health":
            health(b"")
        elif rpc == "distribution":
            stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
                role="ai-engineer", percentiles=[10, 25, 50, 75, 90, unique]))
        elif rpc == "compare":
            stub.CompareRoles(pb.CompareRolesRequest(
                roles=["ai-engineer", "software-engineer"],
                percentiles=[unique]))
        elif rpc == "compare_masked":
            request = pb.CompareRolesRequest(
                roles=["ai-engineer", "software-engineer"],
                percentiles=[unique])
            request.read_mask.paths.extend(["roles.pay", "verdicts"])
            stub.CompareRoles(request)
        else:
            sys.exit(f"unknown rpc {rpc!r}")


if __name__ == "__main__":
    main(sys.argv)
