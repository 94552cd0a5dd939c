"""The charts' typeface: DejaVu Sans as matplotlib ships it, in a lighter copy that is quick to embed.

A PDF chart embeds the glyphs it uses as a TrueType subset, which fontTools cuts from the font file for
every PDF. Cut from the full DejaVu Sans (about 6,000 glyphs and large OpenType layout tables) that takes
about 45 ms per file; cut from a copy that keeps Latin, Greek, Cyrillic, punctuation, arrows and
mathematical signs, without the layout tables (its `kern` table still kerns), it takes about 7 ms. The
copy is made once (about 60 ms), kept in matplotlib's cache folder, and registered under its own family
name; a character it lacks falls back to the full DejaVu Sans. Its PostScript name stays `DejaVuSans`, so
PDFs name the font as before. When the copy cannot be made, the full font is used.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from barometer.atomic import atomic_path

FULL_FAMILY = "DejaVu Sans"
LIGHT_FAMILY = "DejaVu Sans Barometer"
# What bulletins print: Latin (with Belarusian Latin ŭ č š ž), Greek, Cyrillic, punctuation, signs, arrows, shapes.
RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x2B0, 0x36F), (0x370, 0x3FF), (0x400, 0x52F), (0x1E00, 0x1EFF),
          (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x218F), (0x2190, 0x21FF),
          (0x2200, 0x22FF), (0x25A0, 0x25FF))


def light_font_path() -> Path:
    """Where the light copy is kept: matplotlib's cache folder, named after matplotlib's version."""
    import matplotlib

    return Path(matplotlib.get_cachedir()) / f"barometer-dejavu-sans-{matplotlib.__version__}.ttf"


def build_light_font(source: Path, target: Path) -> None:
    """Write the light copy of `source` to `target` (atomically)."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.legacy_kern = True  # the `kern` table: what FreeType kerns with
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "MATH", "FFTM"]
    options.name_IDs = ["*"]  # keep the copyright and licence entries
    options.name_languages = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for first, last in RANGES for code in range(first, last + 1)])
    subsetter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):  # family, full name, typographic family: a name of its own
            record.string = str(record.toUnicode()).replace(FULL_FAMILY, LIGHT_FAMILY, 1)
    with atomic_path(target) as temporary:
        font.save(str(temporary))


def chart_families(font_folders: Sequence[Path] = ()) -> list[str]:
    """`font.family` for the charts: the bulletin's sans (`style.FONT`) when one of `font_folders` (the
    workspace's reports/templates/fonts) holds it; else the light copy of DejaVu Sans (made and registered if
    need be), the full font after."""
    import matplotlib
    from matplotlib import font_manager

    from barometer.charts.style import FONT

    manager = font_manager.fontManager
    registered = {entry.fname for entry in manager.ttflist}
    offered = {str(path) for folder in font_folders for path in sorted(folder.glob("*.ttf"))}
    for path in sorted(offered - registered):
        manager.addfont(path)
    if any(entry.name == FONT and entry.fname in offered for entry in manager.ttflist):
        return [FONT, FULL_FAMILY]
    if any(entry.name == LIGHT_FAMILY for entry in manager.ttflist):
        return [LIGHT_FAMILY, FULL_FAMILY]
    path = light_font_path()
    try:
        if not path.is_file():
            source = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
            build_light_font(source, path)
        manager.addfont(path)
    except Exception:  # a read-only cache, a damaged copy: the full font does the same job, slower
        return [FULL_FAMILY]
    return [LIGHT_FAMILY, FULL_FAMILY]
