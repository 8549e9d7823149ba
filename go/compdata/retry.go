package compdata

import (
	"context"
	"math/rand"
	"os"
	"strconv"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// The retry policy of ServiceConfig, for retryReads.
const (
	initialBackoff    = 100 * time.Millisecond
	maxBackoff        = 2 * time.Second
	backoffMultiplier = 2
)

// builtInRetries reports whether grpc-go itself applies the service
// config's retryPolicy. Before grpc-go 1.42 (Debian bookworm ships 1.33) it
// does only when the process started with GRPC_GO_RETRY=on, and silently
// ignores the policy otherwise; from 1.42 on it does unless
// GRPC_GO_RETRY=off.
func builtInRetries() bool {
	env := os.Getenv("GRPC_GO_RETRY")
	if grpcVersionAtLeast(1, 42) {
		return !strings.EqualFold(env, "off")
	}
	return strings.EqualFold(env, "on")
}

func grpcVersionAtLeast(major, minor int) bool {
	parts := strings.SplitN(grpc.Version, ".", 3)
	if len(parts) < 2 {
		return false
	}
	gotMajor, err1 := strconv.Atoi(parts[0])
	gotMinor, err2 := strconv.Atoi(parts[1])
	if err1 != nil || err2 != nil {
		return false
	}
	return gotMajor > major || (gotMajor == major && gotMinor >= minor)
}

// isRead reports whether method (as "/package.Service/Method") is one the
// retry policy names: ReadService or HealthService.
func isRead(method string) bool {
	return strings.HasPrefix(method, "/"+ReadService+"/") ||
		strings.HasPrefix(method, "/"+HealthService+"/")
}

// retryReads applies ServiceConfig's retry policy to unary reads where
// grpc-go would ignore it (builtInRetries false): a read that fails with
// UNAVAILABLE is attempted again, up to maxAttempts in all, after a random
// wait below the current backoff (gRFC A6), which starts at 0.1 s and
// doubles up to 2 s; the call's deadline bounds it all. Health.Watch, a
// stream, is not covered (grpc-go's own health checking does not go
// through interceptors).
func retryReads(maxAttempts int) grpc.UnaryClientInterceptor {
	return func(ctx context.Context, method string, req, reply interface{},
		cc *grpc.ClientConn, invoker grpc.UnaryInvoker, opts ...grpc.CallOption) error {
		if !isRead(method) {
			return invoker(ctx, method, req, reply, cc, opts...)
		}
		backoff := initialBackoff
		for attempt := 1; ; attempt++ {
			err := invoker(ctx, method, req, reply, cc, opts...)
			if status.Code(err) != codes.Unavailable || attempt >= maxAttempts {
				return err
			}
			if waitErr := sleep(ctx, time.Duration(rand.Int63n(int64(backoff)))); waitErr != nil {
				return waitErr
			}
			backoff *= backoffMultiplier
			if backoff > maxBackoff {
				backoff = maxBackoff
			}
		}
	}
}

// sleep waits d, or returns the status of ctx ending first.
func sleep(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		if ctx.Err() == context.DeadlineExceeded {
			return status.Error(codes.DeadlineExceeded, ctx.Err().Error())
		}
		return status.Error(codes.Canceled, ctx.Err().Error())
	}
}
