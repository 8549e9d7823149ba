// Package compdata dials compdata's gRPC API with the channel policy of the
// C++ client library (client/channel.cc):
//
//   - round_robin over every address the target resolves to (a target
//     without a scheme is resolved by DNS, as in C++ gRPC), so one
//     long-lived HTTP/2 connection does not pin a single server;
//   - client-side health checking on compdata.v1.CompensationService: a
//     server that is draining answers NOT_SERVING and is left before it
//     stops accepting calls;
//   - reads (CompensationService and grpc.health.v1.Health) retried on
//     UNAVAILABLE, up to 4 attempts with exponential backoff (0.1 s to 2 s);
//     IngestService streams are never retried (a retried stream could apply
//     a batch twice from the caller's point of view);
//   - keepalive pings every 30 s, idle or not (10 s to answer);
//   - TLS with the given roots, and "authorization: Bearer TOKEN" on every
//     call, on plaintext channels too (compdata may sit behind a mesh that
//     terminates TLS).
//
// The generated messages and stubs are in package compdatav1
// (compdata.example/compdata/go/compdata/v1).
package compdata

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"
	"time"

	compdatav1 "compdata.example/compdata/go/compdata/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	// Registers grpc-go's client-side health checking, which the service
	// config's healthCheckConfig asks for; without this import grpc-go
	// ignores healthCheckConfig.
	_ "google.golang.org/grpc/health"
	"google.golang.org/grpc/keepalive"
)

const (
	// ReadService is the read-only service: retried, and health-checked.
	ReadService = "compdata.v1.CompensationService"
	// HealthService is gRPC's health service, retried like the reads.
	HealthService = "grpc.health.v1.Health"
	// DefaultMaxReadAttempts is Options.MaxReadAttempts when left 0.
	DefaultMaxReadAttempts = 4
	// KeepaliveTime is the interval of keepalive pings; the server answers
	// pings every 20 s or less often (common/channel_settings.h) and closes
	// connections that ping more.
	KeepaliveTime = 30 * time.Second
	// KeepaliveTimeout is how long a ping may go unanswered.
	KeepaliveTimeout = 10 * time.Second
)

// Options are the choices Dial leaves to the caller; the zero value is a
// plaintext channel without a token.
type Options struct {
	// TLS turns TLS on, with the system's roots unless RootCAs is set.
	// RootCAs or ServerName turn it on too.
	TLS bool
	// RootCAs are the roots the server's certificate must chain to.
	RootCAs *x509.CertPool
	// ServerName is the name checked against the server's certificate
	// instead of the target's host (e.g. the Service's DNS name when
	// dialling an IP).
	ServerName string
	// Token, when set, is sent as "authorization: Bearer TOKEN" on every
	// call, over TLS and plaintext alike.
	Token string
	// MaxReadAttempts is how often a read that fails with UNAVAILABLE is
	// attempted: 0 means DefaultMaxReadAttempts, 1 turns retries off, at
	// most 5 (gRPC's cap).
	MaxReadAttempts int
	// NoHealthCheck turns client-side health checking off, for a caller
	// that must reach a server answering NOT_SERVING (e.g. to ask its
	// health).
	NoHealthCheck bool
}

// Client is a CompensationService client on its own connection.
type Client struct {
	compdatav1.CompensationServiceClient
	// Conn is the channel, e.g. for compdatav1.NewIngestServiceClient or
	// grpc_health_v1.NewHealthClient.
	Conn *grpc.ClientConn
}

// Close closes the connection.
func (c *Client) Close() error { return c.Conn.Close() }

// Dial returns a client of target ("host:port", resolved by DNS, or any
// "scheme:///..." target grpc-go resolves) with the policy described in the
// package documentation. It does not wait for a connection: the first call
// connects. extra dial options come after Dial's own (e.g. a resolver in
// tests); one that changes the policy makes the client behave unlike the
// C++ one.
func Dial(target string, opts Options, extra ...grpc.DialOption) (*Client, error) {
	if err := validate(target, &opts); err != nil {
		return nil, err
	}
	dialOpts := []grpc.DialOption{
		transportCredentials(opts),
		grpc.WithDefaultServiceConfig(ServiceConfig(opts)),
		// The config above is the whole policy: the resolver's (DNS TXT
		// records) must not replace it.
		grpc.WithDisableServiceConfig(),
		grpc.WithKeepaliveParams(keepalive.ClientParameters{
			Time:                KeepaliveTime,
			Timeout:             KeepaliveTimeout,
			PermitWithoutStream: true,
		}),
	}
	if opts.Token != "" {
		dialOpts = append(dialOpts, grpc.WithPerRPCCredentials(bearerToken(opts.Token)))
	}
	if opts.MaxReadAttempts > 1 && !builtInRetries() {
		dialOpts = append(dialOpts, grpc.WithChainUnaryInterceptor(
			retryReads(opts.MaxReadAttempts)))
	}
	conn, err := grpc.Dial(dialTarget(target), append(dialOpts, extra...)...)
	if err != nil {
		return nil, err
	}
	return &Client{compdatav1.NewCompensationServiceClient(conn), conn}, nil
}

func validate(target string, opts *Options) error {
	if target == "" {
		return errors.New("compdata.Dial: target is empty")
	}
	if opts.MaxReadAttempts == 0 {
		opts.MaxReadAttempts = DefaultMaxReadAttempts
	}
	if opts.MaxReadAttempts < 1 || opts.MaxReadAttempts > 5 {
		return fmt.Errorf("compdata.Dial: MaxReadAttempts %d is not within [1, 5]",
			opts.MaxReadAttempts)
	}
	if strings.ContainsAny(opts.Token, "\r\n") {
		return errors.New("compdata.Dial: Token must be one line")
	}
	return nil
}

// dialTarget gives a target without a scheme the dns resolver, C++ gRPC's
// default: grpc-go's default (passthrough) hands round_robin one address.
func dialTarget(target string) string {
	if strings.Contains(target, "://") {
		return target
	}
	return "dns:///" + target
}

func transportCredentials(opts Options) grpc.DialOption {
	if !opts.TLS && opts.RootCAs == nil && opts.ServerName == "" {
		return grpc.WithInsecure()
	}
	return grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{
		RootCAs:    opts.RootCAs,
		ServerName: opts.ServerName,
		MinVersion: tls.VersionTLS12,
	}))
}

// ServiceConfig is the channel's service config, the JSON the C++ client
// library's ClientServiceConfig writes for the same options: round_robin,
// health checking unless opts.NoHealthCheck, and the reads' retry policy
// unless opts.MaxReadAttempts is 1.
func ServiceConfig(opts Options) string {
	attempts := opts.MaxReadAttempts
	if attempts == 0 {
		attempts = DefaultMaxReadAttempts
	}
	retry := ""
	if attempts > 1 {
		retry = fmt.Sprintf(`,"retryPolicy":{"maxAttempts":%d,"initialBackoff":"0.1s",`+
			`"maxBackoff":"2s","backoffMultiplier":2,`+
			`"retryableStatusCodes":["UNAVAILABLE"]}`, attempts)
	}
	health := ""
	if !opts.NoHealthCheck {
		health = `"healthCheckConfig":{"serviceName":"` + ReadService + `"},`
	}
	return "{" + health + `"loadBalancingConfig":[{"round_robin":{}}],` +
		`"methodConfig":[{"name":[{"service":"` + ReadService + `"},` +
		`{"service":"` + HealthService + `"}]` + retry + "}]}"
}
