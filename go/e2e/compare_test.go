// Package e2e checks the Go client against a live compdata-server, each
// answer compared with the C++ client library's (`$COMPDATA_CLI call METHOD
// JSON`, as python/test_compdata_client.py does), then the example program,
// and Dial's token, TLS, round_robin and health checking against servers it
// starts itself.
//
// Needs the environment of tests/clients/with_live_server.sh
// (COMPDATA_TARGET, COMPDATA_CLI, COMPDATA_AS_OF, LIVE_DATABASE_URL,
// LIVE_SERVER_BIN) and COMPDATA_GO_EXAMPLE, the example's binary; ctest's
// e2e.go_client provides all of them (go/CMakeLists.txt).
package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"compdata.example/compdata/go/compdata"
	compdatav1 "compdata.example/compdata/go/compdata/v1"
	protov1 "github.com/golang/protobuf/proto"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	spb "google.golang.org/genproto/googleapis/rpc/status"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/timestamppb"
)

const roleA, roleB, roleC = "ai-engineer", "software-engineer", "data-scientist"

// env is a variable the test cannot run without.
func env(t *testing.T, name string) string {
	t.Helper()
	value := os.Getenv(name)
	if value == "" {
		t.Fatalf("%s is not set: run through ctest -R e2e.go_client "+
			"(tests/clients/with_live_server.sh)", name)
	}
	return value
}

// dial is a client of the live server with Dial's defaults.
func dial(t *testing.T) *compdata.Client {
	t.Helper()
	client, err := compdata.Dial(env(t, "COMPDATA_TARGET"), compdata.Options{})
	if err != nil {
		t.Fatalf("Dial: %v", err)
	}
	t.Cleanup(func() { client.Close() })
	return client
}

func callContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// windowFilter ends the time window at the data set's "now", so demand
// figures do not depend on the wall clock.
func windowFilter(t *testing.T) *compdatav1.SalaryFilter {
	end, err := time.Parse(time.RFC3339, env(t, "COMPDATA_AS_OF"))
	if err != nil {
		t.Fatalf("COMPDATA_AS_OF: %v", err)
	}
	return &compdatav1.SalaryFilter{
		TimeWindow: &compdatav1.TimeWindow{EndTime: timestamppb.New(end)},
	}
}

var protoNames = protojson.MarshalOptions{UseProtoNames: true}

// cppCall runs request through the C++ client and parses what it prints
// into answer (exit 0) or failure (exit 1); it returns the exit code.
func cppCall(t *testing.T, method string, request, answer proto.Message,
	failure *spb.Status) int {
	t.Helper()
	requestJSON, err := protoNames.Marshal(request)
	if err != nil {
		t.Fatal(err)
	}
	cli := env(t, "COMPDATA_CLI")
	cmd := exec.Command(cli, "--target="+env(t, "COMPDATA_TARGET"), "call", method,
		string(requestJSON))
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	exit := cmd.ProcessState.ExitCode()
	if exit != 0 && exit != 1 {
		t.Fatalf("%s call %s: %v: %s", cli, method, err, stderr.String())
	}
	into := answer
	if exit == 1 {
		into = protov1.MessageV2(failure)
	}
	if err := protojson.Unmarshal(out, into); err != nil {
		t.Fatalf("%s call %s printed %q: %v", cli, method, out, err)
	}
	return exit
}

// sameAnswer asserts the Go answer equals the C++ client's as a whole
// message, metadata included (as_of is the time of the last ingest, not of
// the call, so no field may differ).
func sameAnswer(t *testing.T, method string, request, got proto.Message) {
	t.Helper()
	cpp := got.ProtoReflect().New().Interface()
	if exit := cppCall(t, method, request, cpp, &spb.Status{}); exit != 0 {
		t.Fatalf("C++ client: %s failed", method)
	}
	if !proto.Equal(got, cpp) {
		t.Errorf("%s: Go and C++ answers differ\nGo:  %s\nC++: %s", method,
			protoNames.Format(got), protoNames.Format(cpp))
	}
}

func nanos(m interface {
	GetUnits() int64
	GetNanos() int32
}) int64 {
	return m.GetUnits()*1e9 + int64(m.GetNanos())
}

func TestCompareRolesMatchesCpp(t *testing.T) {
	client := dial(t)
	roles := []string{roleA, roleB, roleC}
	request := &compdatav1.CompareRolesRequest{
		Roles: roles, Percentiles: []float64{90}, TopN: 5, Filter: windowFilter(t),
	}
	answer, err := client.CompareRoles(callContext(t), request)
	if err != nil {
		t.Fatalf("CompareRoles: %v", err)
	}
	sameAnswer(t, "CompareRoles", request, answer)

	if len(answer.GetRoles()) != len(roles) {
		t.Fatalf("%d roles, want %d", len(answer.GetRoles()), len(roles))
	}
	for i, r := range answer.GetRoles() {
		if r.GetRole().GetSlug() != roles[i] {
			t.Errorf("role %d is %q, want %q", i, r.GetRole().GetSlug(), roles[i])
		}
		pay := r.GetPay()
		if !(nanos(pay.GetAverageRange().GetLow()) <= nanos(pay.GetMedian()) &&
			nanos(pay.GetMedian()) <= nanos(pay.GetP75())) {
			t.Errorf("%s: low %v, median %v, p75 %v out of order", roles[i],
				pay.GetAverageRange().GetLow(), pay.GetMedian(), pay.GetP75())
		}
	}
	if len(answer.GetVerdicts()) == 0 || answer.GetTotalTrackedPostings() <= 0 {
		t.Errorf("no verdicts or no tracked postings: %s", protoNames.Format(answer))
	}
}

func TestSalaryDistributionMatchesCpp(t *testing.T) {
	client := dial(t)
	asked := []float64{10, 25, 50, 75, 90, 99}
	request := &compdatav1.GetSalaryDistributionRequest{
		Role: roleA, Percentiles: asked, Filter: windowFilter(t),
	}
	answer, err := client.GetSalaryDistribution(callContext(t), request)
	if err != nil {
		t.Fatalf("GetSalaryDistribution: %v", err)
	}
	sameAnswer(t, "GetSalaryDistribution", request, answer)

	d := answer.GetDistribution()
	if d.GetCount() <= 0 || d.GetCount() != answer.GetQuality().GetSampleSize() {
		t.Errorf("count %d, sample size %d", d.GetCount(), answer.GetQuality().GetSampleSize())
	}
	values := []int64{nanos(d.GetMin())}
	for i, p := range d.GetPercentiles() {
		if p.GetPercentile() != asked[i] {
			t.Errorf("percentile %d is %v, want %v", i, p.GetPercentile(), asked[i])
		}
		values = append(values, nanos(p.GetValue()))
	}
	values = append(values, nanos(d.GetMax()))
	for i := 1; i < len(values); i++ {
		if values[i-1] > values[i] {
			t.Errorf("min, percentiles, max not ascending: %v", values)
			break
		}
	}
}

// rpcError calls GetRole or GetSalaryDistribution expecting a failure, and
// checks the C++ client reports the same google.rpc.Status.
func rpcError(t *testing.T, method string, request proto.Message) *status.Status {
	t.Helper()
	client := dial(t)
	var err error
	switch r := request.(type) {
	case *compdatav1.GetRoleRequest:
		_, err = client.GetRole(callContext(t), r)
	case *compdatav1.GetSalaryDistributionRequest:
		_, err = client.GetSalaryDistribution(callContext(t), r)
	default:
		t.Fatalf("rpcError: no call for %T", request)
	}
	if err == nil {
		t.Fatalf("%s succeeded, want an error", method)
	}
	st := status.Convert(err)
	var cpp spb.Status
	if exit := cppCall(t, method, request, nil, &cpp); exit != 1 {
		t.Fatalf("C++ client: %s exit %d, want 1", method, exit)
	}
	sameStatus(t, st.Proto(), &cpp)
	return st
}

// sameStatus compares two google.rpc.Status, their details unpacked (a
// detail's bytes may differ in map order where its message does not).
func sameStatus(t *testing.T, got, cpp *spb.Status) {
	t.Helper()
	if got.GetCode() != cpp.GetCode() || got.GetMessage() != cpp.GetMessage() ||
		len(got.GetDetails()) != len(cpp.GetDetails()) {
		t.Fatalf("status differs:\nGo:  %v\nC++: %v", got, cpp)
	}
	for i := range got.GetDetails() {
		a, errA := got.GetDetails()[i].UnmarshalNew()
		b, errB := cpp.GetDetails()[i].UnmarshalNew()
		if errA != nil || errB != nil || !proto.Equal(a, b) {
			t.Errorf("detail %d differs: Go %v (%v), C++ %v (%v)", i, a, errA, b, errB)
		}
	}
}

// details are the ErrorInfo and BadRequest details of st.
func details(st *status.Status) (infos []*errdetails.ErrorInfo, bad []*errdetails.BadRequest) {
	for _, d := range st.Details() {
		switch d := d.(type) {
		case *errdetails.ErrorInfo:
			infos = append(infos, d)
		case *errdetails.BadRequest:
			bad = append(bad, d)
		}
	}
	return infos, bad
}

func TestUnknownRoleIsNotFound(t *testing.T) {
	st := rpcError(t, "GetRole", &compdatav1.GetRoleRequest{Role: "no-such-role"})
	if st.Code() != codes.NotFound || st.Proto().GetCode() != int32(code.Code_NOT_FOUND) {
		t.Fatalf("code %v, want NotFound", st.Code())
	}
	infos, bad := details(st)
	if len(infos) != 1 {
		t.Fatalf("%d ErrorInfo details, want 1: %v", len(infos), st.Proto())
	}
	info := infos[0]
	if info.GetDomain() != "compdata.example" || info.GetReason() != "ROLE_NOT_FOUND" ||
		info.GetMetadata()["field"] != "role" {
		t.Errorf("ErrorInfo %v, want domain compdata.example, reason ROLE_NOT_FOUND, field role", info)
	}
	if len(bad) != 0 {
		t.Errorf("NOT_FOUND carries a BadRequest: %v", bad)
	}
}

func TestInvalidArgumentNamesTheField(t *testing.T) {
	st := rpcError(t, "GetSalaryDistribution", &compdatav1.GetSalaryDistributionRequest{
		Role: roleA, Percentiles: []float64{50, 150},
	})
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("code %v, want InvalidArgument", st.Code())
	}
	infos, bad := details(st)
	if len(bad) != 1 || len(bad[0].GetFieldViolations()) != 1 ||
		bad[0].GetFieldViolations()[0].GetField() != "percentiles[1]" {
		t.Errorf("BadRequest %v, want one violation of percentiles[1]", bad)
	}
	if len(infos) != 1 || infos[0].GetDomain() != "compdata.example" ||
		infos[0].GetReason() != "INVALID_FIELD" {
		t.Errorf("ErrorInfo %v, want compdata.example INVALID_FIELD", infos)
	}
}

func TestExamplePrintsTheComparison(t *testing.T) {
	example := env(t, "COMPDATA_GO_EXAMPLE")
	cmd := exec.Command(example, roleA, roleC)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v: %s", example, err, stderr.String())
	}
	answer, err := dial(t).CompareRoles(callContext(t), &compdatav1.CompareRolesRequest{
		Roles: []string{roleA, roleC}, Filter: windowFilter(t),
	})
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	if len(answer.GetRoles()) != 2 {
		t.Fatalf("%d roles compared, want 2", len(answer.GetRoles()))
	}
	for _, r := range answer.GetRoles() {
		line := r.GetRole().GetTitle() + ": median " +
			compdata.FormatMoney(r.GetPay().GetMedian()) + ", "
		if !strings.Contains(text, line) {
			t.Errorf("example output lacks %q:\n%s", line, text)
		}
	}
	for _, v := range answer.GetVerdicts() {
		if !strings.Contains(text, v.GetSentence()) {
			t.Errorf("example output lacks the verdict %q:\n%s", v.GetSentence(), text)
		}
	}
	version := "data version " + answer.GetMetadata().GetDataVersion()
	if !strings.Contains(text, version) {
		t.Errorf("example output lacks %q:\n%s", version, text)
	}
}
