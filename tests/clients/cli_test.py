"""The `compdata` CLI against a live server (tests/clients/with_live_server.sh).

Every command a person uses is run as a person would; the human tables are
checked against the same answer fetched with --json, and failures against
their exit codes and the field they name. Run with /usr/bin/python3.
"""

import json
import os
import re
import subprocess
import tempfile
import time
import unittest

CLI = os.environ["COMPDATA_CLI"]
AS_OF = os.environ["COMPDATA_AS_OF"]


def run(*args, expect=0):
    proc = subprocess.run([CLI, *args], capture_output=True, text=True,
                          timeout=60)
    if proc.returncode != expect:
        raise AssertionError(
            f"compdata {' '.join(args)} exited {proc.returncode}, "
            f"expected {expect}\nstdout:\n{proc.stdout}\nstderr:\n{proc.stderr}")
    return proc


def as_json(*args):
    return json.loads(run("--json", *args).stdout)


def money(m):
    """A Money as the CLI prints it: "USD 240,560", whole units rounded half
    away from zero (units and nanos share their sign)."""
    units, nanos = int(m.get("units", "0")), int(m.get("nanos", 0))
    units += (nanos >= 500_000_000) - (nanos <= -500_000_000)
    return f"{m['currency_code']} {units:,}"


class CliTest(unittest.TestCase):

    def test_health_and_roles(self):
        self.assertEqual(run("health").stdout.strip(), "SERVING")
        for service in ("compdata.v1.CompensationService",
                        "compdata.v1.IngestService"):
            self.assertEqual(run("health", service).stdout.strip(), "SERVING")
        unknown = run("health", "no.such.Service", expect=1)
        self.assertIn("NOT_FOUND", unknown.stderr)
        roles = as_json("roles")["roles"]
        self.assertGreater(len(roles), 3)
        table = run("roles").stdout
        for r in roles:
            self.assertIn(r["slug"], table)
            self.assertIn(r["title"], table)
        self.assertRegex(table, rf"\n{len(roles)} roles \(data version v\d+\)")
        ai = as_json("roles", "--family=AI")["roles"]
        self.assertTrue(ai)
        self.assertTrue(all(r["family"] == "ai" for r in ai))
        self.assertLess(len(ai), len(roles))

    def test_role(self):
        role = as_json("role", "ai-engineer")["role"]
        text = run("role", "ai-engineer").stdout
        self.assertTrue(text.startswith(f"{role['title']} (ai-engineer)"))
        for item in role.get("profile", {}).get("core_responsibilities", []):
            self.assertIn(item, text)

    def test_compare_matches_its_json(self):
        args = ["compare", "ai-engineer", "software-engineer",
                f"--at={AS_OF}"]
        answer = as_json(*args)
        text = run(*args).stdout
        for r in answer["roles"]:
            self.assertIn(r["role"]["title"], text)
            self.assertIn(money(r["pay"]["median"]), text)
        for v in answer["verdicts"]:
            self.assertIn(v["sentence"], text)
        overlap = answer["skill_overlaps"][0]
        self.assertIn(f"{overlap['overlap_count']} of the top", text)

    def test_salary_filters_and_percentiles(self):
        args = ["salary", "software-engineer", "--level=senior",
                "--percentiles=25,50,75"]
        answer = as_json(*args)
        dist = answer["distribution"]
        self.assertEqual([p["percentile"] for p in dist["percentiles"]],
                         [25, 50, 75])
        values = [int(p["value"]["units"]) for p in dist["percentiles"]]
        self.assertEqual(values, sorted(values))
        everyone = as_json("salary", "software-engineer")["distribution"]
        self.assertLess(int(dist["count"]), int(everyone["count"]))
        text = run(*args).stdout
        for p in dist["percentiles"]:
            self.assertIn(money(p["value"]), text)
        self.assertIn(answer["explanation"], text)
        self.assertTrue(text.endswith("\n"))

    def test_skills(self):
        args = ["skills", "ai-engineer", "software-engineer", "--top=5",
                f"--at={AS_OF}"]
        overlap = as_json(*args)["overlap"]
        self.assertEqual(overlap["top_n"], 5)
        text = run(*args).stdout
        for rs in overlap["role_skills"]:
            self.assertLessEqual(len(rs["top_skills"]), 5)
            for s in rs["top_skills"]:
                self.assertIn(s["skill"]["display_name"], text)
        shared = overlap.get("shared_skills", [])
        self.assertIn(f"Skills: {len(shared)} of the top 5 shared", text)

    def test_premiums_career_trend(self):
        premiums = as_json("premiums", "ai-engineer")
        text = run("premiums", "ai-engineer").stdout
        for p in premiums.get("premiums", []):
            self.assertIn(p["skill"]["display_name"], text)
        career = as_json("career", "ai-engineer")
        text = run("career", "ai-engineer").stdout
        levels = career["levels"]
        self.assertTrue(levels)
        for level in levels:
            if "median" in level:
                self.assertIn(money(level["median"]), text)
        for t in career.get("outgoing_transitions", []):
            self.assertIn(t["to_role"]["title"], text)
        trend = as_json("trend", "ai-engineer")
        text = run("trend", "ai-engineer").stdout
        months = trend["points"]
        self.assertTrue(months)
        self.assertEqual(len(re.findall(r"^\d{4}-\d{2} ", text, re.M)),
                         len(months))

    def test_offer_matches_its_json(self):
        args = ["offer", "ai-engineer", "150000", "--level=senior",
                "--metro=San Francisco"]
        answer = as_json(*args)
        self.assertEqual(money(answer["annual_offer"]), "USD 150,000")
        self.assertEqual(answer["compared_component"], "PAY_COMPONENT_TOTAL")
        text = run(*args).stdout
        self.assertTrue(text.startswith(
            f"{answer['role']['title']}: offer USD 150,000 a year (total pay)"))
        if "median" in answer:
            for key in ("p10_to_p90", "interquartile_range"):
                self.assertIn(money(answer[key]["low"]), text)
                self.assertIn(money(answer[key]["high"]), text)
            self.assertIn(f"Percentile rank: {answer['percentile_rank']:.1f}", text)
            self.assertIn(answer["counter"]["explanation"], text)
            self.assertIn(money(answer["counter"]["range"]["low"]), text)
        self.assertIn(answer["explanation"], text)
        # The same offer as a monthly base with a bonus, and through `call`.
        monthly = as_json("offer", "ai-engineer", "--base=11000",
                          "--bonus=1500.50", "--period=month")
        self.assertEqual(monthly["annual_offer"],
                         {"currency_code": "USD", "units": "150006"})
        called = json.loads(run("call", "EvaluateOffer", json.dumps(
            {"role": "ai-engineer", "seniority_level": "SENIORITY_LEVEL_SENIOR",
             "metro": "San Francisco",
             "offer": {"total": {"currency_code": "USD", "units": 150000}}})).stdout)
        self.assertEqual(called, answer)

    def test_offer_bad_input(self):
        for args, field in [
                (["offer", "ai-engineer", "0"], "offer.total"),
                (["offer", "ai-engineer", "--", "-5000"], "offer.total"),
                (["offer", "ai-engineer", "--base=-1"], "offer.base"),
                (["offer", "ai-engineer", "90000", "--currency=XYZ"],
                 "offer.total.currency_code"),
                (["offer", "ai-engineer", "90000", "--base=1"], "offer.total"),
                (["offer", "ai-engineer"], "offer")]:
            with self.subTest(args=args):
                proc = run(*args, expect=1)
                self.assertIn("INVALID_ARGUMENT", proc.stderr)
                self.assertIn(f"field {field}:", proc.stderr)
        self.assertIn("NOT_FOUND", run("offer", "no-such-role", "1000",
                                       expect=1).stderr)
        run("offer", "ai-engineer", "12,000", expect=2)  # not a decimal
        run("offer", "ai-engineer", "1000", "--period=fortnight", expect=2)
        run("offer", expect=2)

    def test_related_matches_its_json(self):
        args = ["related", "ai-engineer", "--max=5", "--top=6",
                f"--at={AS_OF}"]
        answer = as_json(*args)
        related = answer["related_roles"]
        self.assertTrue(0 < len(related) <= 5)
        text = run(*args).stdout
        self.assertTrue(text.startswith(
            f"Roles related to {answer['role']['title']}\n"))
        for r in related:
            self.assertIn(r["role"]["title"], text)
            self.assertIn(f"{r['relatedness']:.2f}", text)
            o = r["skill_overlap"]
            self.assertIn(f"{o.get('overlap_count', 0)} of 6", text)
        self.assertIn(answer["explanation"], text)
        proc = run("related", "ai-engineer", "--max=-1", expect=1)
        self.assertIn("field max_results:", proc.stderr)
        run("related", expect=2)

    def test_call_equals_the_command(self):
        called = json.loads(run(
            "call", "GetSalaryDistribution",
            '{"role": "ai-engineer", "percentiles": [10, 50, 90]}').stdout)
        commanded = as_json("salary", "ai-engineer", "--percentiles=10,50,90")
        # The window ends now: the answer's version names the minute, which
        # may turn between the two calls.
        for answer in (called, commanded):
            self.assertTrue(answer["metadata"].pop("answer_version"))
        self.assertEqual(called, commanded)

    def test_batch_answers_each_line_as_call_does(self):
        window = {"timeWindow": {"endTime": AS_OF}}
        items = [
            {"compareRoles": {"roles": ["ai-engineer", "data-scientist"],
                              "filter": window,
                              "readMask": "roles.pay,roles.payByLevel,verdicts"}},
            {"salaryDistribution": {"role": "software-engineer",
                                    "filter": window, "percentiles": [50]}},
            {"salaryDistribution": {"role": "ai-engineer", "percentiles": [150]}},
        ]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "items.jsonl")
            with open(path, "w") as f:
                f.write("\n".join(json.dumps(i) for i in items) + "\n\n")
            # One item fails: exit 1, every answer printed all the same.
            lines = [json.loads(line) for line in
                     run("batch", path, expect=1).stdout.splitlines()]
            self.assertEqual(sorted(line["index"] for line in lines), [0, 1, 2])
            for line in lines:
                item = items[line["index"]]
                (kind,) = item
                method = {"compareRoles": "CompareRoles",
                          "salaryDistribution": "GetSalaryDistribution"}[kind]
                failed = "error" in line
                called = json.loads(run("call", method, json.dumps(item[kind]),
                                        expect=1 if failed else 0).stdout)
                key = "error" if failed else re.sub(
                    r"[A-Z]", lambda m: "_" + m.group(0).lower(), kind)
                self.assertEqual(line[key], called)
            masked = next(line for line in lines if line["index"] == 0)
            self.assertEqual(set(masked["compare_roles"]),
                             {"roles", "verdicts", "metadata"})
            self.assertEqual(set(masked["compare_roles"]["roles"][0]),
                             {"pay", "pay_by_level"})
            bad = next(line for line in lines if line["index"] == 2)
            self.assertEqual(bad["error"]["details"][-1]["field_violations"][0]["field"],
                             "percentiles[0]")

            with open(path, "w") as f:
                f.write(json.dumps(items[1]) + "\n")
            (only,) = run("batch", path).stdout.splitlines()
            self.assertEqual(json.loads(only)["index"], 0)
            with open(path, "w") as f:
                f.write(json.dumps(items[1]) + "\n{not json\n")
            self.assertIn("line 2", run("batch", path, expect=2).stderr)
        run("batch", expect=2)

    def test_errors_name_code_and_field(self):
        proc = run("salary", "ai-engineer", "--percentiles=150", expect=1)
        self.assertIn("INVALID_ARGUMENT", proc.stderr)
        self.assertIn("field percentiles[0]", proc.stderr)
        proc = run("salary", "no-such-role", expect=1)
        self.assertIn("NOT_FOUND", proc.stderr)
        proc = run("call", "GetSalaryDistribution",
                   '{"role": "ai-engineer", "percentiles": [-1]}', expect=1)
        status = json.loads(proc.stdout)
        self.assertEqual(status["code"], 3)
        fields = [v["field"] for d in status["details"]
                  for v in d.get("field_violations", [])]
        self.assertEqual(fields, ["percentiles[0]"])
        run("bogus-command", expect=2)
        run("salary", expect=2)
        run("salary", "ai-engineer", "--level=wizard", expect=2)
        proc = run("--target=127.0.0.1:1", "--timeout=2s", "health", expect=1)
        self.assertIn("UNAVAILABLE", proc.stderr)

    def test_import_official_and_its_rows_beside_ours(self):
        header = ("OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,"
                  "A_MEDIAN,A_PCT75,A_PCT90\n")
        good = header + (
            '99-0001,CLI Testers,"1,200",150000,90000,110000,140000,'
            '180000,#\n'
            "99-0002,CLI Others,**,*,*,*,*,*,*\n")
        flags = ["--source=CLI Test", "--period=2025", "--area=Nowhere",
                 "--currency=USD", "--top_coded=239,200",
                 "--link=99-0001=software-engineer",
                 "--link=99-0002=Software Developer"]
        with tempfile.NamedTemporaryFile("w", suffix=".csv") as f:
            f.write(good)
            f.flush()
            dry = run("import-official", *flags, "--dry_run", f.name)
            self.assertEqual(
                dry.stdout, "dry run, nothing written: 2 rows and 2 links "
                "would be imported (replacing 0 rows)\n")
            done = run("import-official", f.name, *flags)
            self.assertEqual(done.stdout,
                             "imported 2 rows and 2 links (replaced 0 rows)\n")
            # One write only (the other tests compare answers a moment
            # apart): a dry run now finds the rows it would replace.
            again = as_json("import-official", f.name, *flags, "--dry_run")
            self.assertEqual(again, {"rows": 2, "links": 2,
                                     "replaced_rows": 2, "dry_run": True})
        # Served beside our figures once the snapshot has the import.
        for _ in range(100):
            rows = [s for s in as_json("salary", "software-engineer").get(
                "official_statistics", []) if s["source"] == "CLI Test"]
            if rows:
                break
            time.sleep(0.1)
        self.assertEqual([s["occupation_code"] for s in rows],
                         ["99-0001", "99-0002"])
        self.assertEqual(rows[0]["percentiles"][4]["value"],
                         {"kind": "OFFICIAL_VALUE_KIND_AT_LEAST",
                          "value": {"currency_code": "USD",
                                    "units": "239200"}})
        self.assertNotIn("employment", rows[1])
        text = run("salary", "software-engineer").stdout
        self.assertIn("CLI Test, 2025, Nowhere: CLI Testers (99-0001)", text)
        self.assertIn("p90 >= USD 239,200", text)
        self.assertIn("employment n/a, mean n/a", text)
        compare = run("compare", "software-engineer", "ai-engineer",
                      f"--at={AS_OF}").stdout
        self.assertIn("Official statistics (as published; not blended into "
                      "the figures above)", compare)
        for r in as_json("compare", "software-engineer", "ai-engineer",
                         f"--at={AS_OF}")["roles"]:
            for s in r.get("official_statistics", []):
                self.assertIn(s["label"], compare)

    def test_import_official_refuses_a_malformed_file(self):
        flags = ["--source=CLI Bad", "--period=2025", "--area=Nowhere",
                 "--currency=USD", "--link=99-0001=software-engineer"]
        with tempfile.NamedTemporaryFile("w", suffix=".csv") as f:
            f.write("OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,"
                    "A_MEDIAN\n"
                    "99-0001,Testers,1,2,3,4,5\n")
            f.flush()
            proc = run("import-official", *flags, f.name, expect=1)
            self.assertIn("INVALID_ARGUMENT", proc.stderr)
            self.assertIn("field table: line 1: A_PCT75: required column "
                          "missing (also missing: A_PCT90)", proc.stderr)
            f.seek(0)
            f.truncate()
            f.write("OCC_CODE,OCC_TITLE,TOT_EMP,A_MEAN,A_PCT10,A_PCT25,"
                    "A_MEDIAN,A_PCT75,A_PCT90\n"
                    "99-0001,Testers,1,2,3,4,5,6,7\n"
                    "99-0002,Testers,1,2.001,3,4,5,6,7\n"
                    "99-0003,Testers,1,2,3,4,5,6,#\n")
            f.flush()
            proc = run("import-official", *flags, f.name, expect=1)
            self.assertIn("field table: line 3: A_MEAN: \"2.001\" has more "
                          "than 2 decimals", proc.stderr)
            self.assertIn("field table: line 4: A_PCT90: \"#\"", proc.stderr)
            run("import-official", *flags[:-1], "--link=99-0001", f.name,
                expect=2)
            run("import-official", *flags, "--top_coded=lots", f.name,
                expect=2)
        run("import-official", *flags, "/no/such/file.csv", expect=1)
        self.assertFalse([s for s in as_json("salary", "software-engineer")
                          .get("official_statistics", [])
                          if s["source"] == "CLI Bad"])


if __name__ == "__main__":
    unittest.main()
