package compdata

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/type/money"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// What client/channel.cc's ClientServiceConfig writes for the default
// ClientOptions (max_read_attempts 4, round_robin, health checking on).
const cppDefaultServiceConfig = `{"healthCheckConfig":{"serviceName":` +
	`"compdata.v1.CompensationService"},"loadBalancingConfig":[{"round_robin":{}}],` +
	`"methodConfig":[{"name":[{"service":"compdata.v1.CompensationService"},` +
	`{"service":"grpc.health.v1.Health"}],"retryPolicy":{"maxAttempts":4,` +
	`"initialBackoff":"0.1s","maxBackoff":"2s","backoffMultiplier":2,` +
	`"retryableStatusCodes":["UNAVAILABLE"]}}]}`

func TestServiceConfigIsTheCppOne(t *testing.T) {
	if got := ServiceConfig(Options{}); got != cppDefaultServiceConfig {
		t.Errorf("ServiceConfig(Options{}) =\n%s\nwant\n%s", got, cppDefaultServiceConfig)
	}
	if got := ServiceConfig(Options{MaxReadAttempts: 4}); got != cppDefaultServiceConfig {
		t.Errorf("MaxReadAttempts 4 differs from the default: %s", got)
	}
	var config map[string]interface{}
	noRetry := ServiceConfig(Options{MaxReadAttempts: 1, NoHealthCheck: true})
	if err := json.Unmarshal([]byte(noRetry), &config); err != nil {
		t.Fatalf("%s: %v", noRetry, err)
	}
	if _, ok := config["healthCheckConfig"]; ok {
		t.Errorf("NoHealthCheck still checks health: %s", noRetry)
	}
	method := config["methodConfig"].([]interface{})[0].(map[string]interface{})
	if _, ok := method["retryPolicy"]; ok {
		t.Errorf("MaxReadAttempts 1 still retries: %s", noRetry)
	}
}

func TestDialValidatesOptions(t *testing.T) {
	bad := []struct {
		target string
		opts   Options
	}{
		{"", Options{}},
		{"localhost:1", Options{MaxReadAttempts: 6}},
		{"localhost:1", Options{MaxReadAttempts: -1}},
		{"localhost:1", Options{Token: "a\nb"}},
	}
	for _, c := range bad {
		if client, err := Dial(c.target, c.opts); err == nil {
			client.Close()
			t.Errorf("Dial(%q, %+v) succeeded", c.target, c.opts)
		}
	}
	client, err := Dial("localhost:1", Options{Token: "t", MaxReadAttempts: 5})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	client.Close()
}

func TestDialTarget(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1:50051":                "dns:///127.0.0.1:50051",
		"compdata.prod.svc:50051":        "dns:///compdata.prod.svc:50051",
		"dns:///compdata.prod.svc:50051": "dns:///compdata.prod.svc:50051",
		"passthrough:///10.0.0.1:50051":  "passthrough:///10.0.0.1:50051",
	} {
		if got := dialTarget(in); got != want {
			t.Errorf("dialTarget(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBearerToken(t *testing.T) {
	creds := bearerToken("s3cret")
	md, err := creds.GetRequestMetadata(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(md, map[string]string{"authorization": "Bearer s3cret"}) {
		t.Errorf("metadata %v", md)
	}
	if creds.RequireTransportSecurity() {
		t.Error("the token must go out on plaintext channels too")
	}
}

// fakeInvoker fails with the given codes in turn, then succeeds.
type fakeInvoker struct {
	fail  []codes.Code
	calls int
}

func (f *fakeInvoker) invoke(ctx context.Context, method string, req, reply interface{},
	cc *grpc.ClientConn, opts ...grpc.CallOption) error {
	f.calls++
	if f.calls <= len(f.fail) {
		return status.Error(f.fail[f.calls-1], "fake")
	}
	return nil
}

func TestRetryReads(t *testing.T) {
	const read = "/compdata.v1.CompensationService/ListRoles"
	unavailable := []codes.Code{codes.Unavailable, codes.Unavailable, codes.Unavailable}
	cases := []struct {
		what      string
		method    string
		fail      []codes.Code
		wantCalls int
		wantCode  codes.Code
	}{
		{"three UNAVAILABLE, then OK", read, unavailable, 4, codes.OK},
		{"UNAVAILABLE every time", read, append(unavailable, codes.Unavailable), 4,
			codes.Unavailable},
		{"health is a read", "/grpc.health.v1.Health/Check", unavailable[:1], 2, codes.OK},
		{"NOT_FOUND is final", read, []codes.Code{codes.NotFound}, 1, codes.NotFound},
		{"writes are never retried", "/compdata.v1.IngestService/IngestPostings",
			unavailable[:1], 1, codes.Unavailable},
	}
	for _, c := range cases {
		f := &fakeInvoker{fail: c.fail}
		err := retryReads(4)(context.Background(), c.method, nil, nil, nil, f.invoke)
		if f.calls != c.wantCalls || status.Code(err) != c.wantCode {
			t.Errorf("%s: %d calls ending %v, want %d ending %v", c.what, f.calls,
				status.Code(err), c.wantCalls, c.wantCode)
		}
	}
}

func TestRetryReadsStopsAtTheDeadline(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	f := &fakeInvoker{fail: []codes.Code{codes.Unavailable, codes.Unavailable,
		codes.Unavailable, codes.Unavailable}}
	start := time.Now()
	// Five attempts wait up to 0.1 + 0.2 + 0.4 + 0.8 s: the deadline ends
	// the waiting first (or the attempts run out early, by chance).
	err := retryReads(5)(ctx, "/compdata.v1.CompensationService/GetRole", nil, nil, nil, f.invoke)
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("retries went on %v past a 150 ms deadline", elapsed)
	}
	if got := status.Code(err); got != codes.DeadlineExceeded && got != codes.Unavailable {
		t.Errorf("ended with %v", got)
	}
}

func TestBuiltInRetriesOfThisGrpcGo(t *testing.T) {
	// Debian's grpc-go (1.33) applies retryPolicy only with GRPC_GO_RETRY=on.
	t.Setenv("GRPC_GO_RETRY", "")
	if grpcVersionAtLeast(1, 42) {
		t.Skipf("grpc-go %s retries by default", grpc.Version)
	}
	if builtInRetries() {
		t.Error("builtInRetries without GRPC_GO_RETRY")
	}
	t.Setenv("GRPC_GO_RETRY", "on")
	if !builtInRetries() {
		t.Error("no builtInRetries with GRPC_GO_RETRY=on")
	}
}

func TestFormatMoney(t *testing.T) {
	for _, c := range []struct {
		m    *money.Money
		want string
	}{
		{&money.Money{CurrencyCode: "USD", Units: 184320, Nanos: 490000000}, "USD 184,320"},
		{&money.Money{CurrencyCode: "USD", Units: 184320, Nanos: 500000000}, "USD 184,321"},
		{&money.Money{CurrencyCode: "EUR", Units: 999}, "EUR 999"},
		{&money.Money{CurrencyCode: "USD", Units: 1000000}, "USD 1,000,000"},
		{&money.Money{CurrencyCode: "USD", Units: -1234, Nanos: -500000000}, "USD -1,235"},
		{nil, "-"},
	} {
		if got := FormatMoney(c.m); got != c.want {
			t.Errorf("FormatMoney(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}
