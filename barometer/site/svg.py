"""A chart's SVG made fit to stand inside a page: no XML prolog, ids of its own, a title and a label.

matplotlib writes each chart as a document of its own: element ids (`figure_1`, `patch_2`, clip paths) that
repeat from chart to chart (and group ids that repeat within one), a `<style>` whose `*` rule would apply to
the whole page once inlined, and a size in points. Inside a page each id gets the chart's prefix (and so does
every reference to one), the style becomes attributes of the root, and the size becomes a view box the
stylesheet scales. Pure: text in, text out.
"""

from __future__ import annotations

import re
from html import escape

PROLOG = re.compile(r"\A\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?", re.DOTALL)
METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
STYLE = re.compile(r"\s*<style[^>]*>\s*\*\s*\{(?P<rules>[^}]*)\}\s*</style>", re.DOTALL)
ROOT = re.compile(r"<svg\b(?P<attributes>[^>]*)>")
SIZE = re.compile(r'\s(?:width|height)="[^"]*"')
VIEW_BOX = re.compile(r'viewBox="[\d.\s-]+ (?P<width>[\d.]+) (?P<height>[\d.]+)"')
ID = re.compile(r'\bid="(?P<id>[^"]+)"')
REFERENCE = re.compile(r'(?P<before>url\(#|href="#)(?P<id>[^)"]+)')
POINT = 4 / 3  # CSS pixels per point


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """`svg` (as matplotlib writes it) as an element of an HTML page: `role="img"`, `aria-label` and a `<title>`
    of `label`, every id prefixed with `prefix`, its natural width as a `--width` the stylesheet may use."""
    text = METADATA.sub("", PROLOG.sub("", svg, count=1), count=1)
    rules = ""
    style = STYLE.search(text)
    if style is not None:
        rules = " ".join(f'{name.strip()}="{value.strip()}"' for name, _, value in
                         (rule.partition(":") for rule in style["rules"].split(";") if ":" in rule))
        text = text[:style.start()] + text[style.end():]
    text = text.replace("<defs>\n </defs>", "").replace("<defs>\n  </defs>", "")
    seen: dict[str, int] = {}

    def own_id(match: re.Match[str]) -> str:  # a group id (gid) may repeat within a chart: each gets a number
        seen[match["id"]] = count = seen.get(match["id"], 0) + 1
        return f'id="{prefix}-{match["id"]}' + (f'-{count}"' if count > 1 else '"')

    text = ID.sub(own_id, text)
    text = REFERENCE.sub(lambda m: f'{m["before"]}{prefix}-{m["id"]}', text)
    root = ROOT.search(text)
    if root is None:
        raise ValueError("not an SVG document")
    attributes = SIZE.sub("", root["attributes"])
    box = VIEW_BOX.search(attributes)
    width = f' style="--width: {float(box["width"]) * POINT:.0f}px"' if box else ""
    label = escape(label, quote=True)
    opening = (f'<svg{attributes} {rules} class="chart" role="img" aria-label="{label}"{width}'
               f' focusable="false"><title>{label}</title>').replace("  ", " ")
    return text[:root.start()] + opening + text[root.end():]
