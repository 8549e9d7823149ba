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


if __name__ == "__main__":
    unittest.main()
