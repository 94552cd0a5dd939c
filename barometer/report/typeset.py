"""Typesetting: the report data through the workspace's Typst template into PDF bytes.

The data goes in as JSON through `sys.inputs.data`; the template reads it with
`json(bytes(sys.inputs.data))`. Fonts are the DejaVu families shipped inside matplotlib (plus the
fonts Typst embeds and any in `reports/templates/fonts/`), never the machine's own, so every machine
produces the same PDF.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

from barometer.errors import Code, Problem, TemplateError, relative

# PDF/UA-1: a tagged, accessible PDF; Typst refuses to build it when a figure has no alternative text.
PDF_STANDARDS = ["ua-1"]
_LOCATION = re.compile(r"┌─ (?P<file>.+?):(?P<line>\d+):(?P<column>\d+)")
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def font_paths(folders: list[Path]) -> list[str]:
    """matplotlib's DejaVu fonts (found without importing matplotlib) and the workspace's own font folders."""
    paths = []
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        ttf = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
        if ttf.is_dir():
            paths.append(str(ttf))
    return paths + [str(folder) for folder in folders]


def template_problems(diagnostic: str, message: str, shown: str) -> list[Problem]:
    """Each error of Typst's diagnostic as a located problem (lines 1-based, columns made 1-based)."""
    problems = []
    for block in diagnostic.split("\n\n"):
        head = block.strip().splitlines()
        if not head or not head[0].startswith("error"):
            continue
        text = head[0].removeprefix("error:").strip()
        hints = [line.split("hint:", 1)[1].strip() for line in head if "hint:" in line]
        where = _LOCATION.search(block)
        problems.append(Problem(
            Code.TEMPLATE_ERROR, text, file=where["file"] if where else shown,
            line=int(where["line"]) if where else None,
            column=int(where["column"]) + 1 if where else None,
            expected="; ".join(hints) or None,
        ))
    if not problems:
        problems.append(Problem(Code.TEMPLATE_ERROR, message, file=shown))
    return problems


def typeset(template: Path, root: Path, fonts: list[Path], data: dict[str, Any]) -> bytes:
    """Compile the template (a file below `root`) with `data`; raises `TemplateError` (located) when the
    template is broken."""
    import typst

    shown = relative(template, root)
    try:
        return typst.compile(
            str(template), root=str(root), font_paths=font_paths(fonts), ignore_system_fonts=True,
            sys_inputs={"data": json.dumps(data, ensure_ascii=False)}, pdf_standards=PDF_STANDARDS,
        )
    except typst.TypstError as error:
        problems = template_problems(getattr(error, "diagnostic", "") or "", str(error), shown)
        errors = f"{len(problems)} error{'s' if len(problems) != 1 else ''}"
        raise TemplateError(f"the bulletin template {shown} does not compile ({errors}); nothing was written",
                            problems) from None


def page_count(pdf: bytes) -> int:
    """Pages of a PDF as Typst writes it (page objects are plain, not packed in object streams)."""
    return len(_PAGE.findall(pdf))
