#!/usr/bin/env python3
"""Runs the corrupted-input corpus (see generate.py) through the real `polypose` process and classifies every case.

    python3 tests/corpus/run.py --corpus DIR --polypose "dotnet src/Polypose.Cli/bin/Release/net10.0/polypose.dll" \
        [--fast] [--jobs 2] [--table docs/corpus-results.md] [--json summary.json]

Each case runs with a 10 s timeout in the corpus folder. Outcomes:
  ok           exit 0
  clean-error  exit 2, exactly one "error: ..." line on stderr (command-line parse errors: one "error:" line per
               problem plus the usage hint line, as System.CommandLine reports them) that contains every text the case names (normally the file), no stack trace, and the case's
               output path absent or unchanged
  messy-error  exit 2 but several lines, no file named, or an output written or changed
  crash        any other exit code (1 = internal error), or a stack trace / exception name on stderr
  hang         still running after the timeout (killed)
Verdicts against the case's expectation: pass; silent-acceptance (expected an error, got exit 0); wrong-refusal
(expected ok, got an error); and the outcomes messy-error, crash and hang, which always fail. Exit status: 0 when
every case passes, 1 otherwise.
"""
import argparse
import concurrent.futures
import hashlib
import json
import os
import subprocess
import sys
import time

TIMEOUT_S = 10
USAGE_HINT = "Run 'polypose --help'"


def digest(path):
    try:
        if os.path.islink(path) or not os.path.isfile(path):
            return ("other", os.path.lexists(path))
        with open(path, "rb") as f:
            return ("file", hashlib.sha256(f.read()).hexdigest())
    except OSError:
        return ("unreadable", True)


def run_case(case, corpus, polypose):
    out = os.path.join(corpus, case["out"]) if case.get("out") else None
    before = digest(out) if out else None
    env = dict(os.environ, NO_COLOR="1", DOTNET_CLI_TELEMETRY_OPTOUT="1", DOTNET_NOLOGO="1")
    env.pop("POLYPOSE_MAX_CALIBRATION_BYTES", None)
    env.pop("POLYPOSE_MAX_INPUT_BYTES", None)
    env.update(case.get("env") or {})
    start = time.monotonic()
    try:
        p = subprocess.run(polypose + case["args"], cwd=corpus, env=env, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=TIMEOUT_S)
        code, stderr = p.returncode, p.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        code, stderr = None, (e.stderr or b"").decode("utf-8", "replace")
    seconds = time.monotonic() - start
    lines = [l for l in stderr.splitlines() if l.strip()]
    if code is None:
        outcome = "hang"
    elif code not in (0, 2) or any(s in stderr for s in ("   at ", "Exception", "Unhandled")):
        outcome = "crash"
    elif code == 0:
        outcome = "ok"
    else:
        error_lines = [l for l in lines if not l.startswith(USAGE_HINT)]
        # Command-line parse errors (followed by the usage hint) list one "error:" line per problem, as
        # System.CommandLine reports them; every other error is exactly one line.
        parse_error = any(l.startswith(USAGE_HINT) for l in lines)
        one_line = (len(error_lines) == 1 or parse_error) and len(error_lines) >= 1 and all(l.startswith("error: ") for l in error_lines)
        named = all(m in stderr for m in case["mention"])
        after = digest(out) if out else None
        untouched = out is None or after == before
        outcome = "clean-error" if one_line and named and untouched else "messy-error"
    expect = case["expect"]
    if outcome in ("crash", "hang", "messy-error"):
        verdict = outcome
    elif outcome == "ok":
        verdict = "silent-acceptance" if expect == "error" else "pass"
    else:
        verdict = "wrong-refusal" if expect == "ok" else "pass"
    return {"id": case["id"], "family": case["family"], "owner": case["owner"], "expect": expect, "outcome": outcome,
            "verdict": verdict, "exit": code, "seconds": round(seconds, 2), "stderr": "\n".join(lines[:3])[:400]}


def table(results, fast):
    families = sorted({r["family"] for r in results})
    kinds = ["pass", "silent-acceptance", "wrong-refusal", "messy-error", "crash", "hang"]
    rows = ["| family | cases | " + " | ".join(kinds) + " |", "|---|---:|" + "---:|" * len(kinds)]
    for fam in families + ["all"]:
        sel = [r for r in results if fam == "all" or r["family"] == fam]
        cells = [str(sum(1 for r in sel if r["verdict"] == k)) for k in kinds]
        rows.append(f"| {fam if fam != 'all' else '**all**'} | {len(sel)} | " + " | ".join(cells) + " |")
    fails = [r for r in results if r["verdict"] != "pass"]
    rows.append("")
    rows.append(f"{'Fast subset' if fast else 'Full corpus'}: {len(results)} cases, {len(fails)} failing; slowest case "
                f"{max((r['seconds'] for r in results), default=0):.1f} s.")
    if fails:
        rows += ["", "| case | owner | expected | verdict | exit | stderr (first line) |", "|---|---|---|---|---:|---|"]
        for r in sorted(fails, key=lambda r: (r["owner"], r["id"])):
            first = (r["stderr"].split("\n")[0] if r["stderr"] else "").replace("|", "\\|")[:160]
            rows.append(f"| {r['id']} | {r['owner']} | {r['expect']} | {r['verdict']} | {r['exit']} | {first} |")
    return "\n".join(rows) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--polypose", required=True)
    ap.add_argument("--fast", action="store_true", help="only the CI subset")
    ap.add_argument("--only", help="only cases whose id starts with this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--table", help="write the markdown result table here")
    ap.add_argument("--json", help="write every result as JSON here")
    args = ap.parse_args()
    corpus = os.path.abspath(args.corpus)
    manifest = json.load(open(os.path.join(corpus, "cases.json")))
    cases = [c for c in manifest["cases"] if (not args.fast or c["fast"]) and (not args.only or c["id"].startswith(args.only))]
    polypose = [os.path.abspath(t) if t.endswith(".dll") and os.path.exists(t) else t for t in args.polypose.split()]
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda c: run_case(c, corpus, polypose), cases))
    text = table(results, args.fast)
    text += f"\nWall time {time.monotonic() - start:.0f} s with {args.jobs} parallel job(s).\n"
    if args.table:
        with open(args.table, "w") as f:
            f.write(text)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)
    print(text)
    return 0 if all(r["verdict"] == "pass" for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
