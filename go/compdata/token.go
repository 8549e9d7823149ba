package compdata

import "context"

// bearerToken sends "authorization: Bearer TOKEN" with every call. It is a
// credentials.PerRPCCredentials that does not require transport security:
// grpc-go refuses such credentials on a plaintext channel otherwise, and
// compdata may sit behind a mesh that terminates TLS (the C++ library adds
// the header with an interceptor for the same reason).
type bearerToken string

func (t bearerToken) GetRequestMetadata(ctx context.Context, uri ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + string(t)}, nil
}

func (bearerToken) RequireTransportSecurity() bool { return false }
