// Command example compares two roles with compdata from Go, like
// python/example.py:
//
//	COMPDATA_TARGET=localhost:50051 build/go/bin/compdata-go-example [ROLE ROLE...]
//
// COMPDATA_AS_OF (RFC 3339), when set, is the "now" of the demand figures.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"compdata.example/compdata/go/compdata"
	compdatav1 "compdata.example/compdata/go/compdata/v1"
	"google.golang.org/genproto/googleapis/rpc/code"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(roles []string) int {
	if len(roles) == 0 {
		roles = []string{"ai-engineer", "software-engineer"}
	}
	request := &compdatav1.CompareRolesRequest{Roles: roles}
	if asOf := os.Getenv("COMPDATA_AS_OF"); asOf != "" {
		end, err := time.Parse(time.RFC3339, asOf)
		if err != nil {
			fmt.Fprintf(os.Stderr, "error: COMPDATA_AS_OF: %v\n", err)
			return 2
		}
		request.Filter = &compdatav1.SalaryFilter{
			TimeWindow: &compdatav1.TimeWindow{EndTime: timestamppb.New(end)},
		}
	}
	target := os.Getenv("COMPDATA_TARGET")
	if target == "" {
		target = "localhost:50051"
	}
	client, err := compdata.Dial(target, compdata.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "error: %v\n", err)
		return 2
	}
	defer client.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	answer, err := client.CompareRoles(ctx, request)
	if err != nil {
		printError(err)
		return 1
	}
	for _, r := range answer.GetRoles() {
		pay := r.GetPay()
		fmt.Printf("%s: median %s, average range %s to %s (n=%d), %d open positions\n",
			r.GetRole().GetTitle(), compdata.FormatMoney(pay.GetMedian()),
			compdata.FormatMoney(pay.GetAverageRange().GetLow()),
			compdata.FormatMoney(pay.GetAverageRange().GetHigh()),
			pay.GetQuality().GetSampleSize(), r.GetOpenPositions())
	}
	for _, v := range answer.GetVerdicts() {
		fmt.Println(v.GetSentence())
	}
	fmt.Printf("data version %s\n", answer.GetMetadata().GetDataVersion())
	return 0
}

// printError writes the call's code and message, and the fields a
// google.rpc.BadRequest in its details names.
func printError(err error) {
	st := status.Convert(err)
	// The code's canonical name (INVALID_ARGUMENT), as the C++ CLI and
	// python/example.py print it; codes.Code's String is InvalidArgument.
	fmt.Fprintf(os.Stderr, "error: %s: %s\n", code.Code(st.Code()), st.Message())
	for _, detail := range st.Details() {
		if bad, ok := detail.(*errdetails.BadRequest); ok {
			for _, v := range bad.GetFieldViolations() {
				fmt.Fprintf(os.Stderr, "  field %s: %s\n", v.GetField(), v.GetDescription())
			}
		}
	}
}
