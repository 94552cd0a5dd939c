"""A longer fuzzing run than the test suite's: no input may raise anything but the project's own errors.

    python bench/fuzz.py [--examples 20000]

Targets: the date parser (`DateError` only) and the pasted-bulletin reader (located problems only, on
bulletin-like lines, on No. 18's appendix text mutated, and on any text). The test suite runs the same
properties with a small budget.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fuzz_targets import (  # noqa: E402
    appendix_mutations,
    bulletin_like_text,
    date_like_text,
    fuzz_date,
    fuzz_pasted_text,
)


def run(name: str, strategy: st.SearchStrategy[str], target, examples: int) -> None:
    start = time.perf_counter()

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def prop(text: str) -> None:
        target(text)

    prop()
    print(f"{name}: {examples} examples, no unexpected exception ({time.perf_counter() - start:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=20000)
    args = parser.parse_args()
    run("date parser, any text", st.text(max_size=60), fuzz_date, args.examples)
    run("date parser, date-like text", date_like_text(), fuzz_date, args.examples)
    run("pasted bulletin text, bulletin-like lines", bulletin_like_text(), fuzz_pasted_text, args.examples // 4)
    run("pasted bulletin text, mutated No. 18 appendices", appendix_mutations(), fuzz_pasted_text,
        args.examples // 4)
    run("pasted bulletin text, any text", st.text(max_size=300), fuzz_pasted_text, args.examples // 4)


if __name__ == "__main__":
    main()
