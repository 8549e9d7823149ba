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
	"google.golang.org/genproto/googleapis/type/date"
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

func TestSkillOverlapMatchesCpp(t *testing.T) {
	client := dial(t)
	request := &compdatav1.GetSkillOverlapRequest{
		Roles: []string{roleA, roleB}, TopN: 10, Filter: windowFilter(t),
	}
	answer, err := client.GetSkillOverlap(callContext(t), request)
	if err != nil {
		t.Fatalf("GetSkillOverlap: %v", err)
	}
	sameAnswer(t, "GetSkillOverlap", request, answer)

	o := answer.GetOverlap()
	if len(o.GetRoleSkills()) != 2 {
		t.Fatalf("%d role_skills, want 2", len(o.GetRoleSkills()))
	}
	var tops [2]map[string]bool
	for i, rs := range o.GetRoleSkills() {
		if rs.GetRole().GetSlug() != request.Roles[i] {
			t.Errorf("role_skills %d is %q, want %q", i, rs.GetRole().GetSlug(), request.Roles[i])
		}
		tops[i] = map[string]bool{}
		for _, s := range rs.GetTopSkills() {
			tops[i][s.GetSkill().GetSlug()] = true
		}
		if len(tops[i]) == 0 {
			t.Fatalf("%s has no top skills", request.Roles[i])
		}
	}
	shared := 0
	for slug := range tops[0] {
		if tops[1][slug] {
			shared++
		}
	}
	if int(o.GetOverlapCount()) != shared || len(o.GetSharedSkills()) != shared {
		t.Errorf("overlap_count %d, %d shared skills, want %d", o.GetOverlapCount(),
			len(o.GetSharedSkills()), shared)
	}
	for _, s := range o.GetSharedSkills() {
		if !tops[0][s.GetSlug()] || !tops[1][s.GetSlug()] {
			t.Errorf("shared skill %q is not in both top lists", s.GetSlug())
		}
	}
}

func TestSkillPremiumsMatchCpp(t *testing.T) {
	client := dial(t)
	request := &compdatav1.GetSkillPremiumsRequest{
		Role: roleB, TopN: 12, MinSampleSize: 20, Filter: windowFilter(t),
	}
	answer, err := client.GetSkillPremiums(callContext(t), request)
	if err != nil {
		t.Fatalf("GetSkillPremiums: %v", err)
	}
	sameAnswer(t, "GetSkillPremiums", request, answer)

	computed := 0
	previous := 0.0
	for _, p := range answer.GetPremiums() {
		if p.GetQuality().GetSuppressionReason() != 0 {
			continue
		}
		if computed > 0 && p.GetPremiumFraction() > previous {
			t.Errorf("%s: premium_fraction %v after %v, want descending",
				p.GetSkill().GetSlug(), p.GetPremiumFraction(), previous)
		}
		previous = p.GetPremiumFraction()
		computed++
		if nanos(p.GetPremium()) != nanos(p.GetMedianWith())-nanos(p.GetMedianWithout()) {
			t.Errorf("%s: premium %v != %v - %v", p.GetSkill().GetSlug(), p.GetPremium(),
				p.GetMedianWith(), p.GetMedianWithout())
		}
		if nanos(p.GetInterval().GetLow()) > nanos(p.GetInterval().GetHigh()) {
			t.Errorf("%s: interval %v above %v", p.GetSkill().GetSlug(),
				p.GetInterval().GetLow(), p.GetInterval().GetHigh())
		}
	}
	if computed == 0 {
		t.Errorf("no computed premium: %s", protoNames.Format(answer))
	}

	// Skills named by alias or slug resolve the same way in both clients.
	chosen := &compdatav1.GetSkillPremiumsRequest{
		Role: roleB, Skills: []string{"Python", "sql"}, Filter: windowFilter(t),
	}
	chosenAnswer, err := client.GetSkillPremiums(callContext(t), chosen)
	if err != nil {
		t.Fatalf("GetSkillPremiums (skills): %v", err)
	}
	sameAnswer(t, "GetSkillPremiums", chosen, chosenAnswer)
	slugs := map[string]bool{}
	for _, p := range chosenAnswer.GetPremiums() {
		slugs[p.GetSkill().GetSlug()] = true
	}
	if len(slugs) != 2 || !slugs["python"] || !slugs["sql"] {
		t.Errorf("premiums for %v, want python and sql", slugs)
	}
}

func TestCareerPathMatchesCpp(t *testing.T) {
	client := dial(t)
	request := &compdatav1.GetCareerPathRequest{
		Role: roleB, MaxTransitions: 3, Filter: windowFilter(t),
	}
	answer, err := client.GetCareerPath(callContext(t), request)
	if err != nil {
		t.Fatalf("GetCareerPath: %v", err)
	}
	sameAnswer(t, "GetCareerPath", request, answer)

	levels := answer.GetLevels()
	if len(levels) < 2 {
		t.Fatalf("%d rungs, want at least 2", len(levels))
	}
	for i := 1; i < len(levels); i++ {
		before, after := levels[i-1], levels[i]
		if before.GetLevel().GetLevel() > after.GetLevel().GetLevel() {
			t.Errorf("rungs not ascending: %d before %d", before.GetLevel().GetLevel(),
				after.GetLevel().GetLevel())
		}
		if after.GetPayChange() != nil &&
			nanos(after.GetPayChange()) != nanos(after.GetMedian())-nanos(before.GetMedian()) {
			t.Errorf("rung %d: pay_change %v != %v - %v", i, after.GetPayChange(),
				after.GetMedian(), before.GetMedian())
		}
	}
	if len(answer.GetOutgoingTransitions()) == 0 {
		t.Errorf("no outgoing transitions")
	}
	for _, moves := range [][]*compdatav1.CareerTransition{
		answer.GetOutgoingTransitions(), answer.GetIncomingTransitions(),
	} {
		if len(moves) > 3 {
			t.Errorf("%d transitions, want at most 3", len(moves))
		}
		for i := 1; i < len(moves); i++ {
			if moves[i-1].GetWeight() < moves[i].GetWeight() {
				t.Errorf("transition weights not descending: %v, %v",
					moves[i-1].GetWeight(), moves[i].GetWeight())
			}
		}
	}
	for _, m := range answer.GetOutgoingTransitions() {
		if m.GetFromRole().GetSlug() != roleB {
			t.Errorf("outgoing transition from %q, want %q", m.GetFromRole().GetSlug(), roleB)
		}
	}
}

func TestSalaryTrendMatchesCpp(t *testing.T) {
	client := dial(t)
	// The window is given in months, so it is fixed by the request alone.
	asOf, err := time.Parse(time.RFC3339, env(t, "COMPDATA_AS_OF"))
	if err != nil {
		t.Fatalf("COMPDATA_AS_OF: %v", err)
	}
	request := &compdatav1.GetSalaryTrendRequest{
		Role:     roleA,
		EndMonth: &date.Date{Year: int32(asOf.Year()), Month: int32(asOf.Month())},
	}
	answer, err := client.GetSalaryTrend(callContext(t), request)
	if err != nil {
		t.Fatalf("GetSalaryTrend: %v", err)
	}
	sameAnswer(t, "GetSalaryTrend", request, answer)

	points := answer.GetPoints()
	if len(points) != 12 {
		t.Fatalf("%d points, want 12", len(points))
	}
	last := points[len(points)-1].GetMonth()
	if last.GetYear() != request.EndMonth.Year || last.GetMonth() != request.EndMonth.Month {
		t.Errorf("last month %v, want %v", last, request.EndMonth)
	}
	var withValue []*compdatav1.TrendPoint
	for i, p := range points {
		if i > 0 {
			a, b := points[i-1].GetMonth(), p.GetMonth()
			if a.GetYear()*12+a.GetMonth()+1 != b.GetYear()*12+b.GetMonth() {
				t.Errorf("month %v follows %v", b, a)
			}
		}
		if p.GetMedian() == nil {
			continue
		}
		withValue = append(withValue, p)
		if p.GetCount() != p.GetQuality().GetSampleSize() {
			t.Errorf("%v: count %d, sample size %d", p.GetMonth(), p.GetCount(),
				p.GetQuality().GetSampleSize())
		}
		if !(nanos(p.GetP25()) <= nanos(p.GetMedian()) && nanos(p.GetMedian()) <= nanos(p.GetP75())) {
			t.Errorf("%v: p25 %v, median %v, p75 %v out of order", p.GetMonth(),
				p.GetP25(), p.GetMedian(), p.GetP75())
		}
	}
	if len(withValue) == 0 {
		t.Fatalf("no month with a value: %s", protoNames.Format(answer))
	}
	if len(withValue) > 1 && nanos(answer.GetMedianChange()) !=
		nanos(withValue[len(withValue)-1].GetMedian())-nanos(withValue[0].GetMedian()) {
		t.Errorf("median_change %v, first %v, last %v", answer.GetMedianChange(),
			withValue[0].GetMedian(), withValue[len(withValue)-1].GetMedian())
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
