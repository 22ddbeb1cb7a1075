#!/usr/bin/env bash
# Mutation testing of the core modules: check, numbers, formulas, merge, access and the
# application layer (the list is [tool.mutmut] in pyproject.toml). Every mutant is a
# small change to the code (>= to >, a constant, a dropped call); a test must fail for
# each. Prints the mutants no test noticed, per module, and exits 1 when one survives
# in check, numbers, formulas or merge. `.venv/bin/mutmut show NAME` shows a mutant.
# Arguments go to `mutmut run` (e.g. "impact.merge*" for one module).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
UV=${UV:-$(command -v uv || echo .tools/uv)}
"$UV" sync --frozen --quiet --group mutate --inexact  # mutmut: not part of the everyday set-up
rm -rf mutants  # every run from the code as it is now
.venv/bin/mutmut run --max-children "${MUTATE_CHILDREN:-2}" "$@" >mutants.log 2>&1 || {
  tail -20 mutants.log >&2
  exit 2
}
.venv/bin/python - <<'PY'
import re
import subprocess
import sys
from collections import Counter, defaultdict

listing = subprocess.run([".venv/bin/mutmut", "results", "--all", "true"], capture_output=True, text=True).stdout
status = {}
for line in listing.splitlines():
    found = re.match(r"\s*(\S+): (.+)$", line)
    if found:
        status[found[1]] = found[2].strip()
CAUGHT = {"killed", "timeout", "segfault"}  # a test failed, hung or crashed: the change was noticed
per_module: dict[str, Counter] = defaultdict(Counter)
survivors: dict[str, list[str]] = defaultdict(list)
for name, state in status.items():
    module = name.split(".x_")[0].split(".xǁ")[0]
    per_module[module]["caught" if state in CAUGHT else "survived"] += 1
    if state not in CAUGHT:
        survivors[module].append(f"{name} ({state})")
print(f"{'module':<24} {'mutants':>8} {'caught':>8} {'survived':>9}")
for module in sorted(per_module):
    counts = per_module[module]
    print(f"{module:<24} {sum(counts.values()):>8} {counts['caught']:>8} {counts['survived']:>9}")
for module in sorted(survivors):
    print(f"\n{module}:")
    print("\n".join(f"  {line}" for line in sorted(survivors[module])))
strict = ("impact.check", "impact.numbers", "impact.formulas", "impact.merge")
sys.exit(1 if any(survivors[m] for m in strict) else 0)
PY
