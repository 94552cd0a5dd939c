"""A small Markdown reader for the bulletin's narratives: text becomes data, never markup.

The narratives (`events/NNN/text/<track>.md`) use headings, paragraphs, **bold**, *italic*, lists and
links. They are turned into plain blocks of spans (JSON-able) that the Typst template lays out, so
no character of the text can be read as Typst markup.

Blocks: `{"kind": "heading", "level": 1.., "spans": [...]}`, `{"kind": "paragraph", "spans": [...]}`,
`{"kind": "list", "ordered": bool, "start": int, "delimiter": "." | ")", "items": [[span, ...], ...]}`.
Spans: `{"text": str, "strong": bool, "emph": bool, "code": bool, "url": str | None}`.
"""

from __future__ import annotations

import re
from typing import Any

Span = dict[str, Any]
Block = dict[str, Any]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s{0,3}[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s{0,3}(\d{1,9})([.)])\s+(.*)$")
_ESCAPABLE = set("\\`*_{}[]()#+-.!<>|~")


def parse_markdown(text: str) -> list[Block]:
    """The blocks of a Markdown text; lines of a paragraph or list item are joined by spaces."""
    blocks: list[Block] = []
    paragraph: list[str] = []
    items: list[list[str]] = []
    list_kind: tuple[bool, int, str] | None = None  # (ordered, start, delimiter)

    def flush_paragraph() -> None:
        if paragraph:
            blocks.append({"kind": "paragraph", "spans": parse_inline(" ".join(paragraph))})
            paragraph.clear()

    def flush_list() -> None:
        nonlocal list_kind
        if items and list_kind is not None:
            ordered, start, delimiter = list_kind
            blocks.append({"kind": "list", "ordered": ordered, "start": start, "delimiter": delimiter,
                           "items": [parse_inline(" ".join(item)) for item in items]})
        items.clear()
        list_kind = None

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip()
        if not line.strip():
            flush_paragraph()
            # a blank line ends a list only when what follows is not another item (checked below)
            continue
        if heading := _HEADING.match(line):
            flush_paragraph()
            flush_list()
            blocks.append({"kind": "heading", "level": len(heading[1]), "spans": parse_inline(heading[2])})
            continue
        bullet, numbered = _BULLET.match(line), _NUMBERED.match(line)
        if bullet or numbered:
            flush_paragraph()
            ordered = numbered is not None
            if list_kind is not None and list_kind[0] != ordered:
                flush_list()
            if list_kind is None:
                list_kind = (ordered, int(numbered[1]), numbered[2]) if numbered else (False, 1, "")
            items.append([(numbered[3] if numbered else bullet[1]).strip()])  # type: ignore[index]
            continue
        if items and raw[:1].isspace():
            items[-1].append(line.strip())  # an indented continuation of the last item
            continue
        flush_list()
        paragraph.append(line.strip())
    flush_paragraph()
    flush_list()
    return blocks


def _span(text: str, strong: bool, emph: bool, code: bool = False, url: str | None = None) -> Span:
    return {"text": text, "strong": strong, "emph": emph, "code": code, "url": url}


def parse_inline(text: str) -> list[Span]:
    """Spans of one paragraph: `**strong**`, `*emph*`/`_emph_`, `` `code` ``, `[text](url)`, `\\` escapes."""
    spans: list[Span] = []
    buffer: list[str] = []
    strong = emph = False
    i, n = 0, len(text)

    def flush() -> None:
        if buffer:
            spans.append(_span("".join(buffer), strong, emph))
            buffer.clear()

    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in _ESCAPABLE:
            buffer.append(text[i + 1])
            i += 2
            continue
        if char == "`":
            end = text.find("`", i + 1)
            if end > i:
                flush()
                spans.append(_span(text[i + 1:end], strong, emph, code=True))
                i = end + 1
                continue
        if char == "[":
            link = re.match(r"\[([^\]]*)\]\(([^)\s]*)\)", text[i:])
            if link:
                flush()
                url = link[2] if link[2] not in ("", "#") else None
                for inner in parse_inline(link[1]):
                    spans.append({**inner, "strong": inner["strong"] or strong, "emph": inner["emph"] or emph,
                                  "url": url})
                i += link.end()
                continue
        if text.startswith("**", i) or text.startswith("__", i):
            marker = text[i:i + 2]
            if strong or _closes(text, i + 2, marker):
                flush()
                strong = not strong
                i += 2
                continue
        if char in "*_":
            # `_` inside a word (snake_case) is a letter, not emphasis
            inside_word = char == "_" and i > 0 and text[i - 1].isalnum() and i + 1 < n and text[i + 1].isalnum()
            if not inside_word and (emph or _closes(text, i + 1, char)):
                flush()
                emph = not emph
                i += 1
                continue
        buffer.append(char)
        i += 1
    flush()
    return _merge(spans)


def _closes(text: str, start: int, marker: str) -> bool:
    """Whether an opening `marker` at `start` has a closing one later (so a lone `*` stays a star)."""
    if start >= len(text) or text[start].isspace():
        return False
    end = text.find(marker, start)
    while end != -1:
        if not text[end - 1].isspace() and (marker != "*" or not text.startswith("**", end)):
            return True
        end = text.find(marker, end + len(marker))
    return False


def _merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans with the same style become one."""
    merged: list[Span] = []
    for span in spans:
        if merged and all(merged[-1][k] == span[k] for k in ("strong", "emph", "code", "url")):
            merged[-1] = {**merged[-1], "text": merged[-1]["text"] + span["text"]}
        else:
            merged.append(span)
    return merged


def plain_text(blocks: list[Block]) -> str:
    """The words of the blocks without styling (for tests and search)."""
    parts: list[str] = []
    for block in blocks:
        if block["kind"] == "list":
            parts.extend("".join(s["text"] for s in item) for item in block["items"])
        else:
            parts.append("".join(s["text"] for s in block["spans"]))
    return "\n".join(parts)
