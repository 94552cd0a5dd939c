"""JSON: the output's data, indented, UTF-8 (Cyrillic and Belarusian Latin as themselves)."""

from __future__ import annotations

import json
from typing import Any


def render(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write(data: Any) -> bytes:
    return render(data).encode("utf-8")
