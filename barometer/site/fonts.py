"""The bulletin's fonts for the web: each cut to the characters the pages use, as WOFF, with its @font-face.

A face of Lato with Latin and Cyrillic is 660 KB as TrueType; cut to the characters of an edition's pages it
is about 25 KB. WOFF (zlib-compressed, read by every browser) needs nothing beyond fontTools, which
matplotlib brings; the family, weight and style of each rule come from the font's own tables. Pure: bytes in,
bytes out.
"""

from __future__ import annotations

import io
import logging
import struct
from dataclasses import dataclass, field

from barometer.errors import Code, InputInvalid, Problem

FEATURES = ("tnum", "lnum", "case")  # tabular figures for tables, beside fontTools' default features


@dataclass(frozen=True)
class WebFonts:
    css: str  # @font-face rules, with url(fonts/<name>.woff) relative to the stylesheet
    files: dict[str, bytes] = field(default_factory=dict)  # "Lato-Regular.woff" → bytes


def web_fonts(fonts: dict[str, bytes], text: str, folder: str = "reports/templates/fonts") -> WebFonts:
    """`fonts` (file name → TrueType or OpenType bytes) cut to the characters of `text`; a file that is no font
    is a located problem (`InputInvalid`)."""
    from fontTools import subset
    from fontTools.ttLib import TTLibError

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # its notes on timestamps are not the user's
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = [*options.layout_features, *FEATURES]
    options.name_IDs = ["*"]  # the copyright and licence entries stay with the font
    characters = sorted({ord(character) for character in text})
    rules, files, problems = [], {}, []
    for name, data in sorted(fonts.items()):
        try:
            font = subset.load_font(io.BytesIO(data), options)
            family, weight, style = _face(font)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=characters)
            subsetter.subset(font)
            buffer = io.BytesIO()
            subset.save_font(font, buffer, options)
        except (TTLibError, KeyError, AssertionError, ValueError, struct.error) as error:
            problems.append(Problem(Code.TEMPLATE_ERROR, f"the font cannot be read ({error})", file=f"{folder}/{name}",
                                    expected="a TrueType or OpenType font (.ttf, .otf)"))
            continue
        stem = name.rsplit(".", 1)[0]
        files[f"{stem}.woff"] = buffer.getvalue()
        rules.append(f'@font-face {{\n  font-family: "{family}";\n  src: url("fonts/{stem}.woff") format("woff");\n'
                     f"  font-weight: {weight};\n  font-style: {style};\n  font-display: swap;\n}}\n")
    if problems:
        raise InputInvalid(problems, folder)
    return WebFonts("".join(rules), files)


def _face(font: object) -> tuple[str, int, str]:
    """The family name, weight and style a font declares (typographic family first)."""
    names = font["name"]  # type: ignore[index]
    family = str(names.getDebugName(16) or names.getDebugName(1)).replace('"', "")
    weight = int(font["OS/2"].usWeightClass) if "OS/2" in font else 400  # type: ignore[index, operator]
    italic = bool(font["head"].macStyle & 0b10)  # type: ignore[index]
    return family, weight, "italic" if italic else "normal"

