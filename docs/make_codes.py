"""Write the table of problem codes into docs/errors.md, from the registry in `barometer.errors`.

    python docs/make_codes.py          # rewrites the table between the markers
    python docs/make_codes.py --check  # exits 1 when the page is not up to date (the tests do the same)
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from barometer.errors import Code  # noqa: E402

PAGE = DOCS / "errors.md"
START, END = "<!-- codes -->", "<!-- /codes -->"


def render_table() -> str:
    """A section per area, a row per code, in the registry's order."""
    lines: list[str] = []
    areas = list(dict.fromkeys(code.area for code in Code))
    for area in areas:
        lines += [f"### {area}", "", "| code | what it means |", "|---|---|"]
        lines += [f"| `{code.value}` | {code.description} |" for code in Code if code.area == area]
        lines.append("")
    return "\n".join(lines)


def with_table(page: str) -> str:
    """The page with the generated table between its markers (the end marker added when missing)."""
    before, _, rest = page.partition(START)
    _, _, after = rest.partition(END)
    return f"{before}{START}\n{render_table()}{END}\n{after.lstrip(chr(10))}"


def main() -> int:
    page = PAGE.read_text(encoding="utf-8")
    updated = with_table(page)
    if "--check" in sys.argv:
        return 0 if updated == page else 1
    PAGE.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
