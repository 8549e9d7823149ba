"""The Python client against a live compdata-server, checked against the C++ client.

Every read RPC of CompensationService is called from Python and, with the
same request, through the C++ client library (`$COMPDATA_CLI call METHOD
JSON`); the two answers must be equal as whole messages. Each test also
checks properties of the answer that hold for any data set.

Needs COMPDATA_TARGET, COMPDATA_CLI and COMPDATA_AS_OF, as exported by
tests/clients/with_live_server.sh, and the generated stubs on PYTHONPATH.
"""

import json
import os
import subprocess
import sys
import time
import unittest

import grpc
from google.protobuf import json_format
from google.rpc import code_pb2, error_details_pb2, status_pb2
from google.type import money_pb2

from compdata.v1 import common_pb2
from compdata.v1 import compensation_service_pb2 as pb
from compdata.v1 import compensation_service_pb2_grpc as pb_grpc
from compdata.v1 import ingest_service_pb2 as ingest_pb
from compdata.v1 import ingest_service_pb2_grpc as ingest_grpc

import example

TARGET = os.environ["COMPDATA_TARGET"]
CLI = os.environ["COMPDATA_CLI"]
AS_OF = os.environ["COMPDATA_AS_OF"]
ROLE_A, ROLE_B, ROLE_C = "ai-engineer", "software-engineer", "data-scientist"


def to_dict(message):
    return json_format.MessageToDict(message, preserving_proto_field_name=True)


def window_filter(**fields):
    """A SalaryFilter whose time window ends at the data set's "now", so
    demand figures do not depend on the wall clock."""
    f = common_pb2.SalaryFilter(**fields)
    f.time_window.end_time.FromJsonString(AS_OF)
    return f


def nanos(money):
    """A google.type.Money as an exact integer number of nano-units."""
    return money.units * 10**9 + money.nanos


def reason(value):
    """ErrorInfo.reason for an ErrorReason value (name without prefix)."""
    return common_pb2.ErrorReason.Name(value).removeprefix("ERROR_REASON_")


def cpp_call(method, request):
    """Runs `request` through the C++ client: (exit code, parsed JSON)."""
    request_json = json_format.MessageToJson(request, preserving_proto_field_name=True)
    done = subprocess.run([CLI, "--target=" + TARGET, "call", method, request_json],
                          capture_output=True, text=True, timeout=60, check=False)
    if done.returncode not in (0, 1):
        raise AssertionError(f"{CLI} call {method}: exit {done.returncode}: {done.stderr}")
    return done.returncode, json.loads(done.stdout)


def unpack(status, detail_type):
    """The details of `status` of type `detail_type`."""
    found = []
    for any_detail in status.details:
        if any_detail.Is(detail_type.DESCRIPTOR):
            message = detail_type()
            any_detail.Unpack(message)
            found.append(message)
    return found


class CompdataClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.channel = grpc.insecure_channel(TARGET)
        cls.stub = pb_grpc.CompensationServiceStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()

    def call(self, method, request):
        """Calls `method` from Python and through the C++ client, asserts
        the two answers are equal, and returns the Python one."""
        response = getattr(self.stub, method)(request, timeout=30)
        code, cpp = cpp_call(method, request)
        self.assertEqual(code, 0, cpp)
        # Whole answers, metadata included: as_of is the time of the last
        # ingest, not of the call, so no field may differ.
        self.assertEqual(to_dict(response), cpp)
        return response

    def rpc_error(self, method, request):
        """Calls `method` from Python expecting a failure; returns the gRPC
        code and the google.rpc.Status decoded from the trailer, after
        checking that the C++ client reported the same Status."""
        with self.assertRaises(grpc.RpcError) as caught:
            getattr(self.stub, method)(request, timeout=30)
        error = caught.exception
        trailer = dict(error.trailing_metadata())
        self.assertIn("grpc-status-details-bin", trailer)
        status = status_pb2.Status.FromString(trailer["grpc-status-details-bin"])
        self.assertEqual(status.code, error.code().value[0])
        self.assertEqual(status.message, error.details())
        code, cpp = cpp_call(method, request)
        self.assertEqual(code, 1, cpp)
        self.assertEqual(cpp, to_dict(status))
        return error.code(), status

    def test_list_roles_pages(self):
        everything = self.call("ListRoles", pb.ListRolesRequest(page_size=500))
        self.assertEqual(everything.next_page_token, "")
        self.assertEqual(everything.total_size, len(everything.roles))
        slugs = [r.slug for r in everything.roles]
        self.assertEqual(slugs, sorted(set(slugs)))
        self.assertGreater(len(slugs), 4)

        paged, request, pages = [], pb.ListRolesRequest(page_size=4), 0
        while True:
            page = self.call("ListRoles", request)
            pages += 1
            self.assertLessEqual(len(page.roles), 4)
            self.assertEqual(page.total_size, len(slugs))
            paged.extend(page.roles)
            if not page.next_page_token:
                break
            request.page_token = page.next_page_token
        self.assertEqual(pages, -(-len(slugs) // 4))
        self.assertEqual(list(paged), list(everything.roles))

        family = everything.roles[0].family
        some = self.call("ListRoles", pb.ListRolesRequest(family=family.upper()))
        self.assertEqual([r.slug for r in some.roles],
                         [r.slug for r in everything.roles if r.family == family])

    def test_get_role_by_alias(self):
        roles = self.stub.ListRoles(pb.ListRolesRequest(page_size=500)).roles
        role = next(r for r in roles if r.aliases)
        answer = self.call("GetRole", pb.GetRoleRequest(role=role.aliases[0].upper()))
        self.assertEqual(answer.role, role)

    def test_salary_distribution(self):
        asked = [10, 25, 50, 75, 90, 99]
        answer = self.call("GetSalaryDistribution", pb.GetSalaryDistributionRequest(
            role=ROLE_A, percentiles=asked, filter=window_filter()))
        d = answer.distribution
        self.assertGreater(d.count, 0)
        self.assertEqual(d.count, answer.quality.sample_size)
        self.assertEqual([p.percentile for p in d.percentiles], asked)
        values = [nanos(d.min)] + [nanos(p.value) for p in d.percentiles] + [nanos(d.max)]
        self.assertEqual(values, sorted(values))
        self.assertTrue(values[0] <= nanos(d.mean) <= values[-1])
        self.assertEqual({p.value.currency_code for p in d.percentiles}, {"USD"})

        # Defaults: the five standard percentiles.
        default = self.call("GetSalaryDistribution", pb.GetSalaryDistributionRequest(
            role=ROLE_A, filter=window_filter()))
        self.assertEqual([p.percentile for p in default.distribution.percentiles],
                         [10, 25, 50, 75, 90])

        # Filters narrow the sample; a postings-only sample has no reports.
        narrow = self.call("GetSalaryDistribution", pb.GetSalaryDistributionRequest(
            role=ROLE_B, percentiles=[50], filter=window_filter(
                seniority_levels=[common_pb2.SENIORITY_LEVEL_SENIOR],
                metros=["San Francisco", "New York"],
                data_source=common_pb2.DATA_SOURCE_POSTINGS,
                pay_component=common_pb2.PAY_COMPONENT_BASE)))
        q = narrow.quality
        self.assertGreater(q.sample_size, 0)
        self.assertEqual((q.posting_count, q.report_count), (q.sample_size, 0))
        whole = self.stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
            role=ROLE_B, filter=window_filter()), timeout=30)
        self.assertLess(q.sample_size, whole.quality.sample_size)

    def test_compare_roles(self):
        roles = [ROLE_A, ROLE_B, ROLE_C]
        answer = self.call("CompareRoles", pb.CompareRolesRequest(
            roles=roles, percentiles=[90], top_n=5, filter=window_filter()))
        self.assertEqual([r.role.slug for r in answer.roles], roles)
        self.assertEqual(len(answer.skill_overlaps), 3)
        metrics = [v for v in pb.VerdictMetric.values() if v]
        self.assertEqual([v.metric for v in answer.verdicts], metrics)
        total = answer.total_tracked_postings
        self.assertGreater(total, 0)
        for r in answer.roles:
            with self.subTest(role=r.role.slug):
                pay = r.pay
                self.assertLessEqual(nanos(pay.average_range.low), nanos(pay.median))
                self.assertLessEqual(nanos(pay.median), nanos(pay.p75))
                self.assertEqual(pay.average_range.high, pay.p75)
                self.assertLessEqual(nanos(pay.p75), nanos(pay.percentiles[0].value))
                self.assertAlmostEqual(r.open_positions_share, r.open_positions / total)
                self.assertLessEqual(len(r.top_skills), 5)
                mix = sum(s.posting_share for s in r.experience_mix)
                self.assertAlmostEqual(mix, 1.0, places=6)

    def test_skill_overlap(self):
        answer = self.call("GetSkillOverlap", pb.GetSkillOverlapRequest(
            roles=[ROLE_A, ROLE_B], top_n=10, filter=window_filter()))
        o = answer.overlap
        a, b = ({s.skill.slug for s in rs.top_skills} for rs in o.role_skills)
        self.assertTrue(a and b)
        self.assertEqual({s.slug for s in o.shared_skills}, a & b)
        self.assertEqual(o.overlap_count, len(a & b))
        self.assertAlmostEqual(o.overlap_share, len(a & b) / max(len(a), len(b)))
        self.assertAlmostEqual(o.jaccard_index, len(a & b) / len(a | b))
        self.assertEqual({s.slug for s in o.role_skills[0].unique_skills}, a - b)

    def test_skill_premiums(self):
        answer = self.call("GetSkillPremiums", pb.GetSkillPremiumsRequest(
            role=ROLE_B, top_n=12, min_sample_size=20, filter=window_filter()))
        computed = [p for p in answer.premiums if not p.quality.suppression_reason]
        self.assertTrue(computed)
        fractions = [p.premium_fraction for p in computed]
        self.assertEqual(fractions, sorted(fractions, reverse=True))
        for p in computed:
            with self.subTest(skill=p.skill.slug):
                self.assertEqual(nanos(p.premium), nanos(p.median_with) - nanos(p.median_without))
                self.assertLessEqual(nanos(p.interval.low), nanos(p.interval.high))
                self.assertGreaterEqual(min(p.sample_size_with, p.sample_size_without), 20)
        chosen = self.call("GetSkillPremiums", pb.GetSkillPremiumsRequest(
            role=ROLE_B, skills=["Python", "sql"], filter=window_filter()))
        self.assertEqual({p.skill.slug for p in chosen.premiums}, {"python", "sql"})

    def test_career_path(self):
        answer = self.call("GetCareerPath", pb.GetCareerPathRequest(
            role=ROLE_B, max_transitions=3, filter=window_filter()))
        rungs = [lvl.level.level for lvl in answer.levels]
        self.assertGreater(len(rungs), 1)
        self.assertEqual(rungs, sorted(rungs))
        for before, after in zip(answer.levels, answer.levels[1:]):
            if after.HasField("pay_change"):
                self.assertEqual(nanos(after.pay_change),
                                 nanos(after.median) - nanos(before.median))
        for moves in (answer.outgoing_transitions, answer.incoming_transitions):
            self.assertLessEqual(len(moves), 3)
            weights = [m.weight for m in moves]
            self.assertEqual(weights, sorted(weights, reverse=True))
        self.assertTrue(answer.outgoing_transitions)
        self.assertEqual({m.from_role.slug for m in answer.outgoing_transitions}, {ROLE_B})

    def test_salary_trend(self):
        # The window is given in months, so it is fixed by the request alone.
        year, month = int(AS_OF[:4]), int(AS_OF[5:7])
        request = pb.GetSalaryTrendRequest(role=ROLE_A)
        request.end_month.year, request.end_month.month = year, month
        answer = self.call("GetSalaryTrend", request)
        self.assertEqual(len(answer.points), 12)
        months = [(p.month.year, p.month.month) for p in answer.points]
        self.assertEqual(months[-1], (year, month))
        self.assertEqual(months, sorted(set(months)))
        with_value = [p for p in answer.points if p.HasField("median")]
        self.assertTrue(with_value)
        for p in with_value:
            self.assertEqual(p.count, p.quality.sample_size)
            self.assertTrue(nanos(p.p25) <= nanos(p.median) <= nanos(p.p75))
        if len(with_value) > 1:
            self.assertEqual(nanos(answer.median_change),
                             nanos(with_value[-1].median) - nanos(with_value[0].median))

    @staticmethod
    def usd(units):
        return money_pb2.Money(currency_code="USD", units=units)

    def offer_request(self, **offer):
        return pb.EvaluateOfferRequest(
            role=ROLE_A, seniority_level=common_pb2.SENIORITY_LEVEL_SENIOR,
            time_window=window_filter().time_window, offer=pb.Offer(**offer))

    def test_evaluate_offer(self):
        answer = self.call("EvaluateOffer", self.offer_request(total=self.usd(150000)))
        self.assertEqual(answer.role.slug, ROLE_A)
        self.assertEqual(nanos(answer.annual_offer), 150000 * 10**9)
        self.assertEqual(answer.compared_component, common_pb2.PAY_COMPONENT_TOTAL)
        self.assertFalse(answer.quality.suppression_reason)
        # The market is the distribution of the same records.
        same = self.stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
            role=ROLE_A, filter=window_filter(
                seniority_levels=[common_pb2.SENIORITY_LEVEL_SENIOR])), timeout=30)
        self.assertEqual(answer.quality, same.quality)
        p = [v.value for v in same.distribution.percentiles]
        self.assertEqual([answer.p10_to_p90.low, answer.interquartile_range.low,
                          answer.median, answer.interquartile_range.high,
                          answer.p10_to_p90.high], p)
        self.assertTrue(0 <= answer.percentile_rank <= 100)
        below = sum(1 for v in p if nanos(v) <= 150000 * 10**9)
        if answer.quality.privacy_protection == common_pb2.PRIVACY_PROTECTION_EXACT:
            self.assertEqual(answer.position, 1 + below)
        self.assertEqual(nanos(answer.gap_to_median),
                         nanos(answer.annual_offer) - nanos(answer.median))
        self.assertTrue(answer.counter.rule)
        self.assertLessEqual(nanos(answer.counter.range.low),
                             nanos(answer.counter.range.high))
        self.assertTrue(answer.counter.explanation)

        # A monthly base alone is compared with base pay, annualised x 12.
        monthly = self.call("EvaluateOffer", self.offer_request(
            base=self.usd(10000), pay_period=common_pb2.PAY_PERIOD_MONTH))
        self.assertEqual(nanos(monthly.annual_offer), 120000 * 10**9)
        self.assertEqual(monthly.compared_component, common_pb2.PAY_COMPONENT_BASE)
        # Higher offers never rank lower.
        ranks = [self.call("EvaluateOffer", self.offer_request(total=self.usd(u))).percentile_rank
                 for u in (60000, 120000, 240000, 480000)]
        self.assertEqual(ranks, sorted(ranks))

    def test_evaluate_offer_bad_input(self):
        cases = [
            (pb.Offer(total=money_pb2.Money(currency_code="USD")), "offer.total"),
            (pb.Offer(total=money_pb2.Money(currency_code="USD", units=-5)), "offer.total"),
            (pb.Offer(total=money_pb2.Money(currency_code="XYZ", units=5)),
             "offer.total.currency_code"),
            (pb.Offer(base=money_pb2.Money(currency_code="USD", units=90000),
                      bonus=money_pb2.Money(currency_code="EUR", units=9000)),
             "offer.bonus.currency_code"),
            (pb.Offer(total=money_pb2.Money(currency_code="USD", units=9),
                      base=money_pb2.Money(currency_code="USD", units=9)), "offer.total"),
        ]
        for offer, field in cases:
            with self.subTest(field=field, offer=str(offer)):
                code, status = self.rpc_error(
                    "EvaluateOffer", pb.EvaluateOfferRequest(role=ROLE_A, offer=offer))
                self.assertEqual(code, grpc.StatusCode.INVALID_ARGUMENT)
                (bad_request,) = unpack(status, error_details_pb2.BadRequest)
                self.assertEqual([v.field for v in bad_request.field_violations], [field])
        code, _ = self.rpc_error("EvaluateOffer", pb.EvaluateOfferRequest(role=ROLE_A))
        self.assertEqual(code, grpc.StatusCode.INVALID_ARGUMENT)

    def test_related_roles(self):
        answer = self.call("GetRelatedRoles", pb.GetRelatedRolesRequest(
            role=ROLE_A, top_n=8, max_results=50, filter=window_filter()))
        related = answer.related_roles
        self.assertTrue(related)
        keys = [(-r.relatedness, r.role.slug) for r in related]
        self.assertEqual(keys, sorted(keys))
        for r in related:
            with self.subTest(role=r.role.slug):
                overlap = self.stub.GetSkillOverlap(pb.GetSkillOverlapRequest(
                    roles=[ROLE_A, r.role.slug], top_n=8, filter=window_filter()),
                    timeout=30).overlap
                self.assertEqual(r.skill_overlap, overlap)
                weight = max(r.transition_to.weight, r.transition_from.weight)
                self.assertEqual(r.relatedness, 0.5 * overlap.jaccard_index + 0.5 * weight)
                self.assertTrue(r.reasons)
        short = self.call("GetRelatedRoles", pb.GetRelatedRolesRequest(
            role=ROLE_A, max_results=2, filter=window_filter()))
        self.assertEqual([r.role.slug for r in short.related_roles],
                         [r.role.slug for r in related[:2]])
        code, status = self.rpc_error("GetRelatedRoles", pb.GetRelatedRolesRequest(
            role=ROLE_A, max_results=-1))
        self.assertEqual(code, grpc.StatusCode.INVALID_ARGUMENT)
        (bad_request,) = unpack(status, error_details_pb2.BadRequest)
        self.assertEqual([v.field for v in bad_request.field_violations], ["max_results"])

    def test_invalid_argument_names_the_field(self):
        cases = [
            ("GetSalaryDistribution",
             pb.GetSalaryDistributionRequest(role=ROLE_A, percentiles=[50, 150]),
             "percentiles[1]", common_pb2.ERROR_REASON_INVALID_FIELD),
            ("ListRoles", pb.ListRolesRequest(page_token="not-a-token"),
             "page_token", common_pb2.ERROR_REASON_INVALID_PAGE_TOKEN),
        ]
        for method, request, field, why in cases:
            with self.subTest(method=method):
                code, status = self.rpc_error(method, request)
                self.assertEqual(code, grpc.StatusCode.INVALID_ARGUMENT)
                self.assertEqual(status.code, code_pb2.INVALID_ARGUMENT)
                (bad_request,) = unpack(status, error_details_pb2.BadRequest)
                self.assertEqual([v.field for v in bad_request.field_violations], [field])
                (info,) = unpack(status, error_details_pb2.ErrorInfo)
                self.assertEqual((info.domain, info.reason), ("compdata.example", reason(why)))

    def test_official_statistics_beside_ours(self):
        # with_live_server.sh imported the sample OEWS table, 15-1252 linked
        # to software-engineer; the C++ client sees the same rows.
        answer = self.call("GetSalaryDistribution", pb.GetSalaryDistributionRequest(
            role=ROLE_B, filter=window_filter()))
        (swe,) = [s for s in answer.official_statistics if s.occupation_code == "15-1252"]
        self.assertEqual(swe.occupation_title, "Software Developers")
        self.assertTrue(swe.HasField("employment"))
        self.assertEqual(swe.mean.kind, pb.OFFICIAL_VALUE_KIND_EXACT)
        self.assertEqual([p.percentile for p in swe.percentiles], [10, 25, 50, 75, 90])
        values = [nanos(p.value.value) for p in swe.percentiles]
        self.assertEqual(values, sorted(values))
        self.assertTrue(swe.label.endswith(": Software Developers (15-1252)"))
        # "#" in the table: at least the top-coded value.
        research = self.stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
            role="ml-researcher"), timeout=30).official_statistics
        (p90,) = [p.value for s in research if s.occupation_code == "15-1221"
                  for p in s.percentiles if p.percentile == 90]
        self.assertEqual(p90.kind, pb.OFFICIAL_VALUE_KIND_AT_LEAST)
        self.assertEqual((p90.value.currency_code, p90.value.units), ("USD", 239200))
        # Only tables in the filter's currency.
        euros = self.stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
            role=ROLE_B, filter=common_pb2.SalaryFilter(currency="EUR")), timeout=30)
        self.assertFalse(euros.official_statistics)

    def test_import_official_statistics_names_bad_lines(self):
        ingest = ingest_grpc.IngestServiceStub(self.channel)
        table = ("OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,A_MEDIAN,A_PCT75,A_PCT90\n"
                 "15-1252,Software Developers,10,5,1,2,3,4,5\n"
                 "15-2051,Data Scientists,10,5,1,2,3,4\n"
                 "15-1221,Research,10,5,1,2,3,abc,5\n")
        request = ingest_pb.ImportOfficialStatisticsRequest(
            source="Python Test", reference_period="2025", area="Nowhere", currency="USD",
            table=table, links=[ingest_pb.OccupationLink(occupation_code="15-1252",
                                                         role=ROLE_B)])
        with self.assertRaises(grpc.RpcError) as caught:
            ingest.ImportOfficialStatistics(request, timeout=30)
        error = caught.exception
        self.assertEqual(error.code(), grpc.StatusCode.INVALID_ARGUMENT)
        status = status_pb2.Status.FromString(
            dict(error.trailing_metadata())["grpc-status-details-bin"])
        (bad_request,) = unpack(status, error_details_pb2.BadRequest)
        self.assertEqual(
            [(v.field, v.description) for v in bad_request.field_violations],
            [("table", "line 3: 8 fields; the header has 9"),
             ("table", 'line 4: A_PCT75: "abc" is not a number')])
        # Nothing was written: no row of that source is served.
        answer = self.stub.GetSalaryDistribution(pb.GetSalaryDistributionRequest(
            role=ROLE_B), timeout=30)
        self.assertNotIn("Python Test", {s.source for s in answer.official_statistics})

    def test_unknown_role_is_not_found(self):
        code, status = self.rpc_error("GetRole", pb.GetRoleRequest(role="no-such-role"))
        self.assertEqual(code, grpc.StatusCode.NOT_FOUND)
        (info,) = unpack(status, error_details_pb2.ErrorInfo)
        self.assertEqual(info.reason, reason(common_pb2.ERROR_REASON_ROLE_NOT_FOUND))
        self.assertEqual(info.metadata["field"], "role")
        self.assertFalse(unpack(status, error_details_pb2.BadRequest))

    def test_deadline_is_honoured(self):
        # Bootstrap intervals for many skills: milliseconds of work, and a
        # min_sample_size used nowhere else so the answer is not cached.
        request = pb.GetSkillPremiumsRequest(role=ROLE_B, top_n=100, min_sample_size=7)
        start = time.monotonic()
        with self.assertRaises(grpc.RpcError) as caught:
            self.stub.GetSkillPremiums(request, timeout=0.001)
        elapsed = time.monotonic() - start
        self.assertEqual(caught.exception.code(), grpc.StatusCode.DEADLINE_EXCEEDED)
        self.assertLess(elapsed, 1.0)
        # When the server (rather than the client library) noticed it first,
        # its Status says so.
        trailer = dict(caught.exception.trailing_metadata() or ())
        if "grpc-status-details-bin" in trailer:
            status = status_pb2.Status.FromString(trailer["grpc-status-details-bin"])
            (info,) = unpack(status, error_details_pb2.ErrorInfo)
            self.assertEqual(info.reason, reason(common_pb2.ERROR_REASON_DEADLINE_EXCEEDED))
        # The request itself is fine: with time to spare it is answered.
        self.assertTrue(self.stub.GetSkillPremiums(request, timeout=30).premiums)

    def test_batch_read_streams_the_unary_answers(self):
        compare = pb.CompareRolesRequest(roles=[ROLE_A, ROLE_C], filter=window_filter())
        masked = pb.CompareRolesRequest(roles=[ROLE_B, ROLE_A], filter=window_filter())
        masked.read_mask.paths.extend(["roles.pay", "verdicts"])
        items = [
            pb.BatchReadItem(compare_roles=compare),
            pb.BatchReadItem(salary_distribution=pb.GetSalaryDistributionRequest(
                role=ROLE_B, percentiles=[25, 50], filter=window_filter())),
            pb.BatchReadItem(compare_roles=masked),
            pb.BatchReadItem(salary_distribution=pb.GetSalaryDistributionRequest(
                role=ROLE_A, percentiles=[50, 101])),
            pb.BatchReadItem(),
        ]
        answers = list(self.stub.BatchRead(pb.BatchReadRequest(items=items), timeout=30))
        self.assertEqual(sorted(a.index for a in answers), list(range(len(items))))
        for answer in answers:
            item = items[answer.index]
            with self.subTest(index=answer.index):
                kind = item.WhichOneof("request")
                if kind is None:
                    self.assertEqual(answer.WhichOneof("result"), "error")
                    (bad,) = unpack(answer.error, error_details_pb2.BadRequest)
                    self.assertEqual(bad.field_violations[0].field, f"items[{answer.index}]")
                    continue
                method = {"compare_roles": "CompareRoles",
                          "salary_distribution": "GetSalaryDistribution"}[kind]
                code, cpp = cpp_call(method, getattr(item, kind))
                if code == 0:
                    self.assertEqual(answer.WhichOneof("result"), kind)
                    self.assertEqual(to_dict(getattr(answer, kind)), cpp)
                else:
                    self.assertEqual(to_dict(answer.error), cpp)
        (bad,) = unpack(answers[[a.index for a in answers].index(3)].error,
                        error_details_pb2.BadRequest)
        self.assertEqual(bad.field_violations[0].field, "percentiles[1]")
        with self.assertRaises(grpc.RpcError) as caught:
            list(self.stub.BatchRead(pb.BatchReadRequest(), timeout=30))
        self.assertEqual(caught.exception.code(), grpc.StatusCode.INVALID_ARGUMENT)

    def test_known_version_answers_unchanged(self):
        request = pb.GetSkillPremiumsRequest(role=ROLE_A, min_sample_size=20,
                                             filter=window_filter())
        full = self.call("GetSkillPremiums", request)
        self.assertTrue(full.premiums)
        version = full.metadata.answer_version
        self.assertTrue(version)
        self.assertFalse(full.metadata.unchanged)
        request.known_version = version
        unchanged = self.call("GetSkillPremiums", request)
        self.assertTrue(unchanged.metadata.unchanged)
        self.assertEqual(unchanged.metadata.answer_version, version)
        self.assertEqual(unchanged, pb.GetSkillPremiumsResponse(metadata=unchanged.metadata))
        request.known_version = version + "-stale"
        self.assertEqual(self.call("GetSkillPremiums", request).premiums, full.premiums)

    def test_read_mask_trims_the_answer(self):
        request = pb.CompareRolesRequest(roles=[ROLE_A, ROLE_B], percentiles=[90],
                                         filter=window_filter())
        full = to_dict(self.call("CompareRoles", request))
        request.read_mask.paths.extend(["roles.pay", "roles.pay_by_level", "verdicts"])
        # The C++ client gets the request as JSON, the mask as
        # "roles.pay,roles.payByLevel,verdicts": it round-trips.
        self.assertEqual(json.loads(json_format.MessageToJson(request))["readMask"],
                         "roles.pay,roles.payByLevel,verdicts")
        masked = to_dict(self.call("CompareRoles", request))
        self.assertEqual(set(masked), {"roles", "verdicts", "metadata"})
        self.assertEqual(masked["verdicts"], full["verdicts"])
        self.assertEqual(masked["metadata"], full["metadata"])
        self.assertEqual(masked["roles"],
                         [{k: r[k] for k in ("pay", "pay_by_level")} for r in full["roles"]])
        request.read_mask.paths.append("roles.salary")
        code, status = self.rpc_error("CompareRoles", request)
        self.assertEqual(code, grpc.StatusCode.INVALID_ARGUMENT)
        (bad,) = unpack(status, error_details_pb2.BadRequest)
        self.assertEqual(bad.field_violations[0].field, "read_mask.paths[3]")

    def test_example_prints_the_comparison(self):
        done = subprocess.run([sys.executable, example.__file__, ROLE_A, ROLE_C],
                              capture_output=True, text=True, timeout=60, check=False)
        self.assertEqual(done.returncode, 0, done.stderr)
        answer = self.stub.CompareRoles(pb.CompareRolesRequest(
            roles=[ROLE_A, ROLE_C], filter=window_filter()), timeout=30)
        for r in answer.roles:
            self.assertIn(f"{r.role.title}: median {example.money(r.pay.median)},", done.stdout)
        for v in answer.verdicts:
            self.assertIn(v.sentence, done.stdout)


if __name__ == "__main__":
    unittest.main()
