"""Write the bad .xlsx fixtures in tests/data/bad/: one small workbook per failure mode.

Each is a Russia catalogue for issue No. 18 (November-December 2020) with one thing wrong.
Run from the repository root: `python tests/data/make_bad_xlsx.py`.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

BAD = Path(__file__).resolve().parent / "bad"
GOOD_ROW = ["3 November", "Putin and Lukashenka have a telephone conversation", 1]


def book_with(rows: list[list[object]], title: str = "Russia",
              header: tuple[str, ...] = ("Date", "Event", "Score", "Source")) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    return book


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def rewrite_part(data: bytes, name: str, content: bytes) -> bytes:
    """The workbook with one part replaced (or added)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != name:
                target.writestr(item, source.read(item.filename))
        target.writestr(name, content)
    return buffer.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">
<si><t>&lol9;</t></si></sst>
"""


SHARED_STRINGS_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
SHARED_STRINGS_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


def with_shared_strings(data: bytes, content: bytes) -> bytes:
    """The workbook reading cell B2 from a shared strings part (openpyxl itself writes inline strings)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    types = archive.read("[Content_Types].xml").replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="' + SHARED_STRINGS_TYPE + b'"/></Types>')
    rels = archive.read("xl/_rels/workbook.xml.rels").replace(
        b"</Relationships>", b'<Relationship Id="rIdStrings" Type="' + SHARED_STRINGS_REL
        + b'" Target="sharedStrings.xml"/></Relationships>')
    sheet = re.sub(rb'<c r="B2" t="inlineStr"><is><t>[^<]*</t></is></c>', b'<c r="B2" t="s"><v>0</v></c>',
                   archive.read("xl/worksheets/sheet1.xml"))
    for name, part in (("[Content_Types].xml", types), ("xl/_rels/workbook.xml.rels", rels),
                       ("xl/worksheets/sheet1.xml", sheet), ("xl/sharedStrings.xml", content)):
        data = rewrite_part(data, name, part)
    return data


def template_of_issue_24() -> bytes:
    """A workbook `barometer template 24` made (No. 24: November-December 2021), with a year-less date."""
    from openpyxl.packaging.custom import StringProperty

    book = book_with([["9 November", "Lukashenka and Putin meet in Sochi", 3]])
    book.properties.identifier = "barometer-issue-24"
    book.custom_doc_props.append(StringProperty(name="barometer-period", value="2021-11..2021-12"))
    return saved(book)


def encrypted_workbook() -> bytes:
    """What Excel saves for a workbook with a password: a Compound File holding an 'EncryptedPackage' stream."""
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    directory = "EncryptedPackage".encode("utf-16-le") + bytes(128 - 32) + "EncryptionInfo".encode("utf-16-le")
    return header + directory + bytes(4096)


def fixtures() -> dict[str, bytes]:
    formula = book_with([GOOD_ROW, ["4 November", "Roaming fees fall", None]])
    formula["Russia"]["C3"] = "=1+1"
    merged = book_with([GOOD_ROW, ["4 November", "Roaming fees fall", 1]])
    merged["Russia"].merge_cells("B2:B3")
    valid = saved(book_with([GOOD_ROW]))
    far = book_with([GOOD_ROW])
    far["Russia"]["XFD1048576"] = "x"  # one stray cell: the used range becomes a billion cells
    return {
        "far-cell.xlsx": saved(far),
        "score-7.xlsx": saved(book_with([GOOD_ROW, ["4 November", "Roaming fees fall", 7]])),
        "formula-in-score.xlsx": saved(formula),
        "date-empty.xlsx": saved(book_with([GOOD_ROW, [None, "Roaming fees fall", 1]])),
        "day-not-in-month.xlsx": saved(book_with([GOOD_ROW, ["31 November", "Roaming fees fall", 1]])),
        "date-outside-period.xlsx": saved(book_with(
            [GOOD_ROW, [datetime.datetime(2021, 1, 5), "Roaming fees fall", 1]])),
        "unknown-sheet.xlsx": saved(book_with([GOOD_ROW], title="Belarus-Japan")),
        "missing-header.xlsx": saved(book_with([GOOD_ROW], header=("Date", "Event", "Source"))),
        "merged-cells.xlsx": saved(merged),
        "truncated.xlsx": valid[: len(valid) // 2],
        "entity-bomb.xlsx": with_shared_strings(valid, BILLION_LAUGHS),
        "zip-bomb.xlsx": rewrite_part(valid, "xl/media/padding.bin", bytes(8 * 2**20)),
        "template-other-issue.xlsx": template_of_issue_24(),
        "excel-date-current-year.xlsx": saved(book_with(
            [GOOD_ROW, [datetime.datetime(2026, 11, 16), "Typed as 16 November, made a date by Excel", 1]])),
        "encrypted.xlsx": encrypted_workbook(),
    }


def main() -> None:
    for name, data in fixtures().items():
        (BAD / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
