"""A gRPC channel to compdata that behaves like the C++ client library's.

    from compdata_channel import channel
    with channel("dns:///compdata.prod.svc:50051", root_certificates=ca,
                 token=os.environ["COMPDATA_TOKEN"]) as ch:
        stub = compensation_service_pb2_grpc.CompensationServiceStub(ch)

What it sets, and why (the same policy as client/channel.cc):
- round_robin over every address the target resolves to: gRPC keeps one
  long-lived HTTP/2 connection, so pick_first would pin one pod; the server
  closes connections after --max_connection_age, so a scale-up is found.
- client-side health checking on compdata.v1.CompensationService: during a
  pod's drain delay it answers NOT_SERVING and the channel stops sending it
  calls before it stops accepting them.
- reads (CompensationService and Health) retried on UNAVAILABLE, up to 4
  attempts with backoff; ingest streams are never retried (a retried stream
  could apply a batch twice from the caller's point of view).
- keepalive pings every 30 s, idle or not (the server accepts them; more
  often gets GOAWAY too_many_pings: common/channel_settings.h).
- TLS with the given roots (system roots when `root_certificates` is b""),
  and a bearer token on every call: as call credentials on TLS, as metadata
  on plaintext (gRPC refuses call credentials without TLS).
"""

import json
import os

import grpc

READ_SERVICE = "compdata.v1.CompensationService"
HEALTH_SERVICE = "grpc.health.v1.Health"
MAX_READ_ATTEMPTS = 4


def service_config(health_check_service=READ_SERVICE,
                   max_read_attempts=MAX_READ_ATTEMPTS):
    """The channel's service config as JSON (client/channel.cc's)."""
    method = {"name": [{"service": READ_SERVICE}, {"service": HEALTH_SERVICE}]}
    if max_read_attempts > 1:
        method["retryPolicy"] = {
            "maxAttempts": max_read_attempts,
            "initialBackoff": "0.1s",
            "maxBackoff": "2s",
            "backoffMultiplier": 2,
            "retryableStatusCodes": ["UNAVAILABLE"],
        }
    config = {"loadBalancingConfig": [{"round_robin": {}}],
              "methodConfig": [method]}
    if health_check_service:
        config["healthCheckConfig"] = {"serviceName": health_check_service}
    return json.dumps(config)


class _BearerToken(grpc.UnaryUnaryClientInterceptor,
                   grpc.UnaryStreamClientInterceptor,
                   grpc.StreamUnaryClientInterceptor,
                   grpc.StreamStreamClientInterceptor):
    """Adds "authorization: Bearer TOKEN" to every call (plaintext only)."""

    def __init__(self, token):
        self._header = ("authorization", "Bearer " + token)

    def _with_token(self, details):
        metadata = list(details.metadata or ()) + [self._header]
        return details._replace(metadata=metadata)

    def intercept_unary_unary(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_unary_stream(self, continuation, details, request):
        return continuation(self._with_token(details), request)

    def intercept_stream_unary(self, continuation, details, requests):
        return continuation(self._with_token(details), requests)

    def intercept_stream_stream(self, continuation, details, requests):
        return continuation(self._with_token(details), requests)


def channel(target=None, *, root_certificates=None, server_name=None,
            token=None, health_check_service=READ_SERVICE,
            max_read_attempts=MAX_READ_ATTEMPTS):
    """A channel to `target` (default $COMPDATA_TARGET or localhost:50051).

    root_certificates: PEM bytes of the roots to trust (b"" = the system's);
    None = plaintext. server_name: the name the certificate must carry when
    the target does not (an IP). token: the bearer token, or None.
    health_check_service: "" turns client-side health checking off (to reach
    a server that answers NOT_SERVING, e.g. to ask its health).
    """
    target = target or os.environ.get("COMPDATA_TARGET", "localhost:50051")
    options = [
        ("grpc.service_config", service_config(health_check_service,
                                               max_read_attempts)),
        # Our config is the whole policy: DNS TXT records must not replace it.
        ("grpc.service_config_disable_resolution", 1),
        ("grpc.enable_retries", 1),
        ("grpc.keepalive_time_ms", 30000),
        ("grpc.keepalive_timeout_ms", 10000),
        ("grpc.keepalive_permit_without_calls", 1),
        ("grpc.http2.max_pings_without_data", 0),
    ]
    if server_name:
        options.append(("grpc.ssl_target_name_override", server_name))
    if root_certificates is None:
        ch = grpc.insecure_channel(target, options)
        return grpc.intercept_channel(ch, _BearerToken(token)) if token else ch
    creds = grpc.ssl_channel_credentials(root_certificates or None)
    if token:
        creds = grpc.composite_channel_credentials(
            creds, grpc.access_token_call_credentials(token))
    return grpc.secure_channel(target, creds, options)
