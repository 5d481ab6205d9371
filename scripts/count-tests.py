#!/usr/bin/env python3
"""Counts test results from meson's testlog.json files and prints "N passed, N failed".

A TAP test (the g_test unit tests) counts each of its cases; any other test counts once.
A case marked "# TODO" (g_test_incomplete: a known gap, named in its message) is counted apart,
as TAP says, not as a failure. A test that crashed or timed out before reporting its cases
counts as one failure."""
import json
import re
import sys

passed = failed = skipped = todo = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as log:
        for line in log:
            test = json.loads(line)
            cases = re.findall(r"^(ok|not ok)\b[^#\n]*(?:# (SKIP|TODO))?", test.get("stdout", ""), re.M)
            if re.search(r"^1\.\.\d+", test.get("stdout", ""), re.M) and cases:
                for result, directive in cases:
                    if directive == "SKIP":
                        skipped += 1
                    elif directive == "TODO":
                        todo += 1  # TAP: a known gap (g_test_incomplete), not a failure
                    elif result == "ok":
                        passed += 1
                    else:
                        failed += 1
                if test["result"] not in ("OK", "SKIP") and not any(r == "not ok" for r, _ in cases):
                    failed += 1
            elif test["result"] == "SKIP":
                skipped += 1
            elif test["result"] in ("OK", "EXPECTEDFAIL"):
                passed += 1
            else:
                failed += 1

print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else "")
      + (f", {todo} known gaps (TODO)" if todo else ""))
sys.exit(1 if failed else 0)
