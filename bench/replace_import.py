"""What it costs an import to say what changed: `import --replace` of No. 18's edited template, and of a
20,000-event catalogue in which 10% of the texts were edited (each one paired with its old version by
rapidfuzz) or every text is new (the worst case for pairing: nothing pairs, every date compared in full).

    python bench/replace_import.py [--runs 5]

Each import runs as a whole process (`python -m barometer import … --replace --dry-run`) in a scratch copy of
the example workspace; the pairing alone (`entry.diff.diff_catalogue`) is timed in this process too.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from run import timed  # noqa: E402

from conftest import copy_workspace, large_catalogue  # noqa: E402


def edited_template(root: Path) -> Path:
    """No. 18's template with one score changed, one text edited and one row deleted on the EU sheet."""
    import openpyxl

    from barometer.entry.workbook import write_issue_template
    from barometer.workspace import Workspace

    path = root.parent / "no18.xlsx"
    write_issue_template(Workspace.open(root), 18, path)
    book = openpyxl.load_workbook(path)
    sheet = book["EU"]
    sheet["C4"] = -2
    sheet["B3"] = str(sheet["B3"].value).replace("Eastern Partnership", "Eastern Partnership programme")
    sheet.delete_rows(5)
    book.save(path)
    return path


def rewritten(catalogue: Path, target: Path, every: int, change) -> Path:
    """The catalogue with the text of every `every`th event changed by `change` (row number, text)."""
    rows = list(csv.reader(io.StringIO(catalogue.read_text(encoding="utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(rows[0])
    for number, row in enumerate(rows[1:]):
        writer.writerow([row[0], change(number, row[1]) if number % every == 0 else row[1], *row[2:]])
    target.write_text(out.getvalue(), encoding="utf-8")
    return target


def pairing_seconds(root: Path, source: Path) -> float:
    from barometer.catalogue import validate_table
    from barometer.entry.diff import diff_catalogue
    from barometer.io.csv_io import read_csv_table
    from barometer.load import Loader
    from barometer.models import EventContext
    from barometer.workspace import Workspace

    workspace = Workspace.open(root)
    loader = Loader(workspace)
    track = workspace.config.track("russia")
    stored = loader.stored(18, track)
    table = read_csv_table(source, source.name)
    events, _ = validate_table(table, track, EventContext(workspace.config.scores,
                                                          loader.issue_file(18).issue.period))
    start = time.perf_counter()
    diff_catalogue(stored.events, events, table.columns)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    command = [sys.executable, "-m", "barometer", "import"]
    with tempfile.TemporaryDirectory() as folder:
        root = copy_workspace(Path(folder) / "ws")
        template = edited_template(root)
        figures = timed([*command, str(template), "--issue", "18", "--replace", "--dry-run"], root, runs)
        print(f"edited template of No. 18 (137 events): {figures['median']:.3f} s "
              f"({figures['min']:.3f}-{figures['max']:.3f})")
        catalogue = large_catalogue(root, events=20_000, writers=0)
        for name, every, change in (("unchanged (for reference)", 1, lambda n, text: text),
                                    ("10% of texts edited", 10, lambda n, text: text.replace("Event", "Evnt")),
                                    ("every text new", 1, lambda n, text: f"Another event, {n * 7}, entirely")):
            source = rewritten(catalogue, Path(folder) / "russia.csv", every, change)
            pairing = statistics.median(pairing_seconds(root, source) for _ in range(3))
            figures = timed([*command, str(source), "--issue", "18", "--replace", "--dry-run"], root, runs)
            print(f"20,000 events, {name}: {figures['median']:.3f} s ({figures['min']:.3f}-{figures['max']:.3f}); "
                  f"pairing alone {pairing:.3f} s")


if __name__ == "__main__":
    main()
