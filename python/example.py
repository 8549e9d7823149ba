"""Compares two roles with compdata from Python.

    PYTHONPATH=build/python/gen COMPDATA_TARGET=localhost:50051 \\
        /usr/bin/python3 python/example.py [ROLE ROLE...]

COMPDATA_AS_OF (RFC 3339), when set, is the "now" of the demand figures.
"""

import os
import sys

import grpc
from google.rpc import error_details_pb2, status_pb2

from compdata.v1 import compensation_service_pb2 as pb
from compdata.v1 import compensation_service_pb2_grpc as pb_grpc


def money(m):
    return f"{m.currency_code} {m.units + m.nanos / 1e9:,.0f}"


def print_error(error):
    print(f"error: {error.code().name}: {error.details()}", file=sys.stderr)
    trailer = dict(error.trailing_metadata() or ())
    if "grpc-status-details-bin" in trailer:
        status = status_pb2.Status.FromString(trailer["grpc-status-details-bin"])
        for detail in status.details:
            bad_request = error_details_pb2.BadRequest()
            if detail.Unpack(bad_request):
                for v in bad_request.field_violations:
                    print(f"  field {v.field}: {v.description}", file=sys.stderr)


def main(roles):
    request = pb.CompareRolesRequest(roles=roles or ["ai-engineer", "software-engineer"])
    if os.environ.get("COMPDATA_AS_OF"):
        request.filter.time_window.end_time.FromJsonString(os.environ["COMPDATA_AS_OF"])
    target = os.environ.get("COMPDATA_TARGET", "localhost:50051")
    with grpc.insecure_channel(target) as channel:
        stub = pb_grpc.CompensationServiceStub(channel)
        try:
            answer = stub.CompareRoles(request, timeout=10)
        except grpc.RpcError as error:
            print_error(error)
            return 1
    for r in answer.roles:
        pay = r.pay
        print(f"{r.role.title}: median {money(pay.median)}, average range "
              f"{money(pay.average_range.low)} to {money(pay.average_range.high)} "
              f"(n={pay.quality.sample_size}), {r.open_positions} open positions")
    for verdict in answer.verdicts:
        print(verdict.sentence)
    print(f"data version {answer.metadata.data_version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
