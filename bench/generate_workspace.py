"""Write a synthetic workspace: N issues × every track × M events, realistic text lengths, every date form.

    python bench/generate_workspace.py OUT_DIR --issues 100 --events 500 [--seed 1]

The workspace copies barometer.toml and the scale of this repository; issue k covers the months the
cadence gives it, so cross-issue checks pass. Scores are drawn within the configured bounds.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_VOCABULARY = """talks statement visit agreement sanctions ministry embassy delegation exercise border trade
contract pipeline forum credentials resolution protest cooperation Haloŭčanka Makiej Lukashenka
Mishustin Cichanoŭskaja Mahilioŭ Hrodna Viciebsk Брэст Мінск council parliament"""
WORDS = tuple(_VOCABULARY.split())
TRACKS = ("russia", "eu", "china", "us", "ukraine")


def months_of(number: int) -> tuple[tuple[int, int], tuple[int, int]]:
    first = 2018 * 12 + (number - 1) * 2
    return (first // 12, first % 12 + 1), ((first + 1) // 12, (first + 1) % 12 + 1)


PART_STARTS = {"early": 1, "mid": 11, "late": 21}


def random_date(rng: random.Random, first: tuple[int, int], second: tuple[int, int]) -> tuple[tuple[int, ...], str]:
    """A date in one of the period's months, every written form, with the key that puts it in date order."""
    year, month = rng.choice((first, second))
    days = calendar.monthrange(year, month)[1]
    form = rng.random()
    if form < 0.70:
        day = rng.randint(1, days)
        return (year, month, day), f"{year:04d}-{month:02d}-{day:02d}"
    if form < 0.78:
        start = rng.randint(1, days - 1)
        end = rng.randint(start + 1, days)
        return (year, month, start), f"{year:04d}-{month:02d}-{start:02d}..{year:04d}-{month:02d}-{end:02d}"
    if form < 0.86:
        return (year, month, 1), f"{year:04d}-{month:02d}"
    if form < 0.92:
        return (*first, 1), f"{first[0]:04d}-{first[1]:02d}..{second[0]:04d}-{second[1]:02d}"
    part = rng.choice(tuple(PART_STARTS))
    return (year, month, PART_STARTS[part]), f"{year:04d}-{month:02d}-{part}"


def dates_in_order(rng: random.Random, count: int, first: tuple[int, int], second: tuple[int, int]) -> list[str]:
    """Catalogues are kept in date order, as the bulletin prints them."""
    return [text for _key, text in sorted((random_date(rng, first, second) for _ in range(count)),
                                          key=lambda pair: pair[0])]


def event_text(rng: random.Random, number: int, index: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(6, 30))
    return f"{' '.join(words).capitalize()} (No. {number}, item {index})"


def write_issue(root: Path, number: int, events: int, rng: random.Random) -> None:
    folder = root / "events" / f"{number:03d}"
    folder.mkdir(parents=True)
    first, second = months_of(number)
    (folder / "issue.toml").write_text(
        f'number = {number}\n\n[period]\nstart = "{first[0]:04d}-{first[1]:02d}"\n'
        f'end = "{second[0]:04d}-{second[1]:02d}"\n', encoding="utf-8")
    for track in TRACKS:
        with open(folder / f"{track}.csv", "w", newline="", encoding="utf-8") as stream:
            writer = csv.writer(stream, lineterminator="\n")
            writer.writerow(["date", "event", "score"])
            for index, date in enumerate(dates_in_order(rng, events, first, second)):
                score = rng.choice((-3, -2, -1, -1, 1, 1, 1, 2, 3))
                writer.writerow([date, event_text(rng, number, index), f"{score:+d}"])
    with open(folder / "security.csv", "w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(["date", "event", "national_security", "regional_tension"])
        for index, date in enumerate(dates_in_order(rng, events, first, second)):
            national, regional = rng.randint(-2, 1), rng.randint(-2, 1)
            writer.writerow([date, event_text(rng, number, index),
                             f"{national:+d}" if national else "0", f"{regional:+d}" if regional else "0"])


def generate(root: Path, issues: int, events: int, seed: int = 1) -> Path:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    shutil.copy(REPO / "barometer.toml", root / "barometer.toml")
    shutil.copytree(REPO / "scales", root / "scales")
    rng = random.Random(seed)
    for number in range(1, issues + 1):
        write_issue(root, number, events, rng)
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--issues", type=int, default=100)
    parser.add_argument("--events", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    root = generate(args.out, args.issues, args.events, args.seed)
    print(f"{root}: {args.issues} issues × {len(TRACKS) + 1} tracks × {args.events} events "
          f"= {args.issues * (len(TRACKS) + 1) * args.events} events")


if __name__ == "__main__":
    main()
