"""Total rows of pasted bulletin text and the notes beside them: which figures a Total gives ('Total  +14',
'Total  +18  -4  +14', 'Total  positive +17 · negative −3†  +14‡', 'Total  0  -8 (Yellow)', 'Total 0 −8 Yellow'),
and a note of a figure as first published ('As published: +18; the catalogue sums to +17'). Pure."""

from __future__ import annotations

import re

NUMBER = r"[+\-\u2212\u2013]?\s?\d{1,4}"
FIGURE = re.compile(rf"({NUMBER})(?:\s*\(([^()]{{0,40}})\))?")
LABELS = {
    "positive": "positive", "negative": "negative", "aggregate": "aggregate",
    "national security": "national_security", "regional tension": "regional_tension",
}
LABELLED = re.compile(
    rf"\b({'|'.join(LABELS)})(?:\s+(?:index|indices|points|score|level))?\s*[:=]?\s*({NUMBER})"
    r"(?:\s*\(([^()]{0,40})\))?",
    re.IGNORECASE,
)
LABELLED_LINE = re.compile(rf"^\s*{LABELLED.pattern}\s*$", re.IGNORECASE)
TOTAL_WORD = re.compile(r"^[^\w+\-\u2212\u2013]*total\s*[:=.]?\s*", re.IGNORECASE)
MARKS = "\u2020\u2021*\u00a7\u00b6"  # footnote marks: † ‡ * § ¶
MARKS_ONLY = re.compile(rf"^[{MARKS}\s]+$")
FOOTNOTE = re.compile(rf"^[{MARKS}\s]*as (?:published|printed):?\s*({NUMBER})\s*[;,]\s*the catalogue sums to\s*"
                       rf"({NUMBER})", re.IGNORECASE)
TOTAL_START = re.compile(r"^\W*total\s*[:=]?\s*(?:[+\-\u2212\u2013]?\d|positive|negative|aggregate|national|regional)",
                          re.IGNORECASE)
FIGURES = {"relations": ("positive", "negative", "aggregate"), "security": ("national_security", "regional_tension")}


def is_total(cells: list[str]) -> bool:
    """'Total  +14', 'Total: +14', 'Total  0  -8 (Yellow)' (not an event's text that starts with 'total')."""
    return re.findall(r"[^\W_]+", cells[0].casefold()) == ["total"] or bool(TOTAL_START.match(cells[0]))


def parse_number(text: str) -> int:
    """'+14', '−3' (a true minus), '– 8' → an int."""
    return int(text.replace("\u2212", "-").replace("\u2013", "-").replace(" ", ""))


def total_expected(kind: str) -> str:
    if kind == "security":
        return "two numbers: national security and regional tension, e.g. 'Total  0  -8 (Yellow)'"
    return "the aggregate, e.g. 'Total  +14' (or positive, negative and aggregate: 'Total  +18  -4  +14')"


LEVEL_WORD = re.compile(r"\s+([^\W\d_]{3,20})\s*$")  # '-8 Yellow': a level printed without parentheses


def total_figures(rest: str, kind: str) -> tuple[dict[str, int] | None, str | None]:
    """The figures of a Total row after the word 'Total', or None when they are not numbers. Footnote marks
    (†, ‡) and '·' between figures are passed over: 'positive +17 · negative −3†  +14‡'."""
    wanted = FIGURES[kind]
    rest = re.sub(rf"[{MARKS}\u00b7]", " ", rest).strip()
    level = None
    if kind == "security" and (word := LEVEL_WORD.search(rest)) is not None:
        level, rest = word[1], rest[:word.start()]
    labelled = list(LABELLED.finditer(rest))
    if labelled:
        leftover = LABELLED.sub("", rest)
        figures: dict[str, int] = {}
        for match in labelled:
            figure = LABELS[" ".join(match[1].lower().split())]
            if figure not in wanted:
                return None, None
            figures[figure] = parse_number(match[2])
            level = level or (match[3].strip() if match[3] else None)
        unlabelled = [parse_number(m[1]) for m in FIGURE.finditer(leftover)]
        if re.sub(r"[\s,;:/|]", "", FIGURE.sub("", leftover)) or len(unlabelled) > 1:
            return None, None
        if unlabelled:  # 'positive +17 · negative −3  +14': the aggregate beside the labelled points
            if kind != "relations" or "aggregate" in figures:
                return None, None
            figures["aggregate"] = unlabelled[0]
        return figures, level
    found = list(FIGURE.finditer(rest))
    if not found or re.sub(r"[\s,;:/|]", "", FIGURE.sub("", rest)):
        return None, None
    values = [parse_number(m[1]) for m in found]
    level = level or next((m[2].strip() for m in reversed(found) if m[2]), None)
    if kind == "security":
        return (dict(zip(wanted, values, strict=True)), level) if len(values) == 2 else (None, None)
    if len(values) == 1:
        return {"aggregate": values[0]}, None
    if len(values) == 3 and values[0] >= 0 >= values[1]:
        return dict(zip(wanted, values, strict=True)), None
    return None, None
