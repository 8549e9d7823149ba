package e2e

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"compdata.example/compdata/go/compdata"
	compdatav1 "compdata.example/compdata/go/compdata/v1"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/resolver"
	"google.golang.org/grpc/resolver/manual"
	"google.golang.org/grpc/status"
)

const token = "go-client-token"

// server is a compdata-server of its own on a free loopback port, on the
// live server's database; stopped with SIGTERM at the latest when the test
// ends, its log shown when the test failed.
type server struct {
	name        string
	target      string
	metricsFile string
	cmd         *exec.Cmd
	done        chan struct{}
	exit        error
}

func startServer(t *testing.T, name string, flags ...string) *server {
	t.Helper()
	dir := t.TempDir()
	portFile := filepath.Join(dir, "port")
	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		t.Fatal(err)
	}
	s := &server{name: name, metricsFile: filepath.Join(dir, "metrics_port"),
		done: make(chan struct{})}
	args := append([]string{
		"--database_url=" + env(t, "LIVE_DATABASE_URL"),
		"--listen_address=127.0.0.1:0", "--port_file=" + portFile,
		"--metrics_address=127.0.0.1:0", "--metrics_port_file=" + s.metricsFile,
	}, flags...)
	s.cmd = exec.Command(env(t, "LIVE_SERVER_BIN"), args...)
	s.cmd.Stderr = logFile
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.exit = s.cmd.Wait(); close(s.done) }()
	t.Cleanup(func() {
		s.stop(t)
		if t.Failed() {
			text, _ := os.ReadFile(logFile.Name())
			t.Logf("%s server log:\n%s", name, text)
		}
		logFile.Close()
	})
	for deadline := time.Now().Add(30 * time.Second); ; {
		if port, _ := os.ReadFile(portFile); strings.TrimSpace(string(port)) != "" {
			s.target = "127.0.0.1:" + strings.TrimSpace(string(port))
			return s
		}
		select {
		case <-s.done:
			t.Fatalf("%s server exited: %v", name, s.exit)
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s server did not start in 30 s", name)
		}
	}
}

// stop sends SIGTERM (the server drains for its --drain_delay, then shuts
// down) and returns how the server exited.
func (s *server) stop(t *testing.T) error {
	select {
	case <-s.done:
		return s.exit
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Errorf("SIGTERM %s server: %v", s.name, err)
	}
	select {
	case <-s.done:
	case <-time.After(60 * time.Second):
		t.Errorf("%s server did not stop in 60 s after SIGTERM", s.name)
		s.cmd.Process.Kill()
		<-s.done
	}
	return s.exit
}

var handledLine = regexp.MustCompile(`(?m)^grpc_server_handled_total\{([^}]*)\} (\S+)$`)

// handled is the server's count of method calls that ended with code
// (its /metrics).
func (s *server) handled(t *testing.T, method, code string) float64 {
	t.Helper()
	port, err := os.ReadFile(s.metricsFile)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://127.0.0.1:" + strings.TrimSpace(string(port)) + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	text, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	total := 0.0
	for _, m := range handledLine.FindAllStringSubmatch(string(text), -1) {
		if strings.Contains(m[1], `grpc_method="`+method+`"`) &&
			strings.Contains(m[1], `grpc_code="`+code+`"`) {
			value, err := strconv.ParseFloat(m[2], 64)
			if err != nil {
				t.Fatal(err)
			}
			total += value
		}
	}
	return total
}

func tokensFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tokens")
	if err := os.WriteFile(path, []byte(token+" read\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func dialTo(t *testing.T, target string, opts compdata.Options,
	extra ...grpc.DialOption) *compdata.Client {
	t.Helper()
	client, err := compdata.Dial(target, opts, extra...)
	if err != nil {
		t.Fatalf("Dial(%s): %v", target, err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

// listRoles returns the status code of a ListRoles call.
func listRoles(client *compdata.Client) codes.Code {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err := client.ListRoles(ctx, &compdatav1.ListRolesRequest{})
	return status.Code(err)
}

func TestTokenIsSentWhereTheServerAsksForOne(t *testing.T) {
	s := startServer(t, "token", "--auth_tokens_file="+tokensFile(t), "--drain_delay=0s")
	if got := listRoles(dialTo(t, s.target, compdata.Options{})); got != codes.Unauthenticated {
		t.Errorf("without a token: %v, want Unauthenticated", got)
	}
	if got := listRoles(dialTo(t, s.target, compdata.Options{Token: "wrong"})); got != codes.Unauthenticated {
		t.Errorf("with a wrong token: %v, want Unauthenticated", got)
	}
	// Plaintext: the token goes out only because bearerToken does not
	// require transport security.
	if got := listRoles(dialTo(t, s.target, compdata.Options{Token: token})); got != codes.OK {
		t.Errorf("with the token: %v, want OK", got)
	}
}

// selfSigned writes a certificate for compdata.test and its key, and returns
// their files and a pool trusting the certificate.
func selfSigned(t *testing.T) (certFile, keyFile string, roots *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	template := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "compdata.test"},
		DNSNames:              []string{"compdata.test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, template, template, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, certPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER})
	if err := os.WriteFile(keyFile, keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	roots = x509.NewCertPool()
	roots.AppendCertsFromPEM(certPEM)
	return certFile, keyFile, roots
}

func TestTLSWithTheRightRootsAndName(t *testing.T) {
	cert, key, roots := selfSigned(t)
	s := startServer(t, "tls", "--tls_cert_file="+cert, "--tls_key_file="+key,
		"--auth_tokens_file="+tokensFile(t), "--drain_delay=0s")
	cases := []struct {
		what string
		opts compdata.Options
		want codes.Code
	}{
		{"right roots and name, token", compdata.Options{
			RootCAs: roots, ServerName: "compdata.test", Token: token}, codes.OK},
		{"right roots and name, no token", compdata.Options{
			RootCAs: roots, ServerName: "compdata.test"}, codes.Unauthenticated},
		{"the system's roots", compdata.Options{
			TLS: true, ServerName: "compdata.test", Token: token}, codes.Unavailable},
		{"plaintext to a TLS port", compdata.Options{Token: token}, codes.Unavailable},
	}
	for _, c := range cases {
		if got := listRoles(dialTo(t, s.target, c.opts)); got != c.want {
			t.Errorf("%s: %v, want %v", c.what, got, c.want)
		}
	}
}

// One client over the live server and a second one that needs the token:
// round_robin gives the second its share, and when it drains (SIGTERM, 2 s
// drain delay during which it answers NOT_SERVING) health checking moves
// every call to the live server before it stops: no call fails, with
// retries off (without grpc-go's health checking some do, CANCELLED).
func TestRoundRobinAndADrainedServerCostsNoCall(t *testing.T) {
	s := startServer(t, "drained", "--auth_tokens_file="+tokensFile(t), "--drain_delay=2s")
	// grpc-go 1.33 has no "ipv4:a,b" target: a manual resolver hands Dial
	// both addresses, as DNS would for a headless Service.
	r := manual.NewBuilderWithScheme("e2e")
	r.InitialState(resolver.State{Addresses: []resolver.Address{
		{Addr: env(t, "COMPDATA_TARGET")}, {Addr: s.target},
	}})
	// No retries: a call sent to the draining server would fail, so none
	// failing shows health checking kept calls away from it.
	client := dialTo(t, "e2e:///compdata", compdata.Options{Token: token, MaxReadAttempts: 1},
		grpc.WithResolvers(r))

	before := s.handled(t, "ListRoles", "OK")
	for i := 0; i < 40; i++ {
		if got := listRoles(client); got != codes.OK {
			t.Fatalf("call %d: %v", i, got)
		}
	}
	if share := s.handled(t, "ListRoles", "OK") - before; share < 10 {
		t.Errorf("the second server answered %v of 40 calls, want at least 10", share)
	}

	var mu sync.Mutex
	var failures []codes.Code
	stop := make(chan struct{})
	var workers sync.WaitGroup
	for w := 0; w < 4; w++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				if got := listRoles(client); got != codes.OK {
					mu.Lock()
					failures = append(failures, got)
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(500 * time.Millisecond)
	exit := s.stop(t)
	time.Sleep(500 * time.Millisecond)
	close(stop)
	workers.Wait()
	if exit != nil {
		t.Errorf("drained server exited: %v", exit)
	}
	if len(failures) != 0 {
		t.Errorf("%d calls failed while a server drained: %v", len(failures), failures)
	}
}
