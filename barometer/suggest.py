"""Near matches, by rapidfuzz: "did you mean …?" for a name typed or read (a track, a sheet, a month), and how
alike two event texts are (an import tells an edited text from a new event by it)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

NAME_CUTOFF = 75.0  # 'Rusia' is 91 like 'russia', 'Novemebr' 88 like 'november'; 'Notes' is 33 like any track


def closest(name: str, choices: Mapping[str, str] | Iterable[str], cutoff: float = NAME_CUTOFF) -> str | None:
    """The choice `name` most likely stands for, compared without case: a choice it begins, else the most alike
    one at or above `cutoff` (0-100). `choices` maps the spelling compared to the name shown (or is a list of
    names); the name shown is returned, None when nothing is close."""
    from rapidfuzz import fuzz, process

    shown = dict(choices) if isinstance(choices, Mapping) else {choice: choice for choice in choices}
    folded = {spelling.casefold(): name for spelling, name in shown.items() if spelling}
    typed = name.strip().casefold()
    if not typed or not folded:
        return None
    if typed in folded:
        return folded[typed]
    starting = [spelling for spelling in folded if len(typed) >= 2 and spelling.startswith(typed)]
    if len(starting) == 1:
        return folded[starting[0]]
    found = process.extractOne(typed, list(folded), scorer=fuzz.ratio, score_cutoff=cutoff)
    return folded[found[0]] if found is not None else None


def did_you_mean(name: str, choices: Mapping[str, str] | Iterable[str], cutoff: float = NAME_CUTOFF,
                 form: str = " (did you mean {!r}?)") -> str:
    """" (did you mean 'Russia'?)" for the closest choice (in `form`), or "" when none is close."""
    found = closest(name, choices, cutoff)
    return form.format(found) if found is not None else ""


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())


def text_similarity(first: str, second: str) -> float:
    """How alike two texts are, 0-100, without case and with runs of spaces as one (rapidfuzz's ratio)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(_folded(first), _folded(second))


def alike_pairs(first: list[str], second: list[str], cutoff: float) -> list[tuple[int, int]]:
    """Pairs (index in `first`, index in `second`) of texts at least `cutoff` alike (`text_similarity`), each text
    in one pair at most, the most alike first. Every pair is scored at once in rapidfuzz's C++ (`cdist`)."""
    if not first or not second:
        return []
    from rapidfuzz import fuzz, process

    scores = process.cdist([_folded(t) for t in first], [_folded(t) for t in second], scorer=fuzz.ratio,
                           score_cutoff=cutoff)
    rows, columns = scores.nonzero()
    order = (-scores[rows, columns]).argsort(kind="stable")  # numpy, as cdist gives it: the most alike first
    pairs, used_first, used_second = [], set(), set()
    for i, j in zip(rows[order].tolist(), columns[order].tolist(), strict=True):
        if i not in used_first and j not in used_second:
            pairs.append((i, j))
            used_first.add(i)
            used_second.add(j)
    return pairs
