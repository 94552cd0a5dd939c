"""The bulletin's narratives: Markdown read by pulldown-cmark (through `pyromark`, CommonMark in linear time),
turned into data — never into Typst markup — and set like a book.

The narratives (`events/NNN/text/<track>.md`) use headings, paragraphs, **bold**, *italic*, lists and links.
They become plain blocks of spans (JSON-able) that the Typst template lays out, so no character of the
text can be read as markup. Running text gets typographic quotes, dashes and ellipses (the parser's smart
punctuation), en dashes in number ranges ("2021–2025") and true minus signs before negative figures
("−14"); a link keeps its target only when it is `http`, `https` or `mailto`: any other (`javascript:`,
`file:`, `#`) prints as its text, not as a link.
Anything else Markdown has (quotes, code, HTML) prints as its text.

Blocks: `{"kind": "heading", "level": 1.., "spans": [...]}`, `{"kind": "paragraph", "spans": [...]}`,
`{"kind": "list", "ordered": bool, "start": int, "delimiter": "." | ")", "items": [[span, ...], ...]}`.
Spans: `{"text": str, "strong": bool, "emph": bool, "code": bool, "url": str | None}`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from barometer.figures import EN_DASH, MINUS

Span = dict[str, Any]
Block = dict[str, Any]

LINK_SCHEMES = ("http://", "https://", "mailto:")
_RANGE = re.compile(r"(?<=\d)-(?=\d)")  # '2021-2025', '1-18': an en dash between numbers
_NEGATIVE = re.compile(r"(?<![\w\-\u2013.,/])-(?=\d)")  # '-14' alone: a true minus sign
_HEADING_LEVEL = {f"H{n}": n for n in range(1, 7)}


def safe_url(url: str | None) -> str | None:
    """The link's target when it may reach the PDF (http, https, mailto), else None."""
    if not url:
        return None
    return url if url.strip().lower().startswith(LINK_SCHEMES) else None


@dataclass
class _Reader:
    """Markdown events in, blocks out: the spans of the block being read, and the list around it. A list inside
    a list item continues that item's text, so any depth of nesting makes one level of blocks."""

    source: str
    blocks: list[Block] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    current: Block | None = None  # the outermost list open here
    depth: int = 0  # how many lists are open
    searched: int = 0  # where in the source the next list's marker is looked for
    heading: int | None = None
    strong: int = 0
    emph: int = 0
    urls: list[str | None] = field(default_factory=list)
    pieces: list[str] = field(default_factory=list)  # the text of the span being read
    style: tuple[bool, bool, bool, str | None] = (False, False, False, None)  # strong, emph, code, url

    def add_text(self, text: str, code: bool = False) -> None:
        style = (self.strong > 0, self.emph > 0, code, self.urls[-1] if self.urls else None)
        if style != self.style:
            self.flush()
            self.style = style
        self.pieces.append(text)

    def flush(self) -> None:
        """The text read in one style becomes a span."""
        if self.pieces:
            strong, emph, code, url = self.style
            text = "".join(self.pieces)
            self.spans.append(_span(text if code else _figures(text), strong, emph, code, url))
            self.pieces = []

    def end_block(self) -> None:
        """The spans read so far end a heading, a paragraph, or a part of a list item."""
        self.flush()
        spans, self.spans = self.spans, []
        if self.heading is not None:
            self.blocks.append({"kind": "heading", "level": self.heading, "spans": spans})
            self.heading = None
        elif self.current is not None and self.current["items"]:
            item = self.current["items"][-1]
            item.extend(([_span(" ")] if item and spans else []) + spans)
        elif spans:
            self.blocks.append({"kind": "paragraph", "spans": spans})

    def start(self, tag: object) -> None:
        if isinstance(tag, dict) and "Heading" in tag:
            self.end_block()
            self.heading = _HEADING_LEVEL.get(tag["Heading"]["level"], 6)
        elif isinstance(tag, dict) and "List" in tag:
            self.end_block()
            self.depth += 1
            if self.depth == 1:
                ordered = tag["List"] is not None
                self.current = {"kind": "list", "ordered": ordered, "start": tag["List"] if ordered else 1,
                             "delimiter": ".", "items": []}
        elif tag == "Item" and self.current is not None:
            self.end_block()
            if self.depth == 1:
                self.current["items"].append([])
        elif tag == "Strong":
            self.strong += 1
        elif tag == "Emphasis":
            self.emph += 1
        elif isinstance(tag, dict) and "Link" in tag:
            self.urls.append(safe_url(tag["Link"]["dest_url"]))
        elif tag == "Paragraph" and self.current is None:
            self.end_block()

    def end(self, tag: object) -> None:
        if isinstance(tag, dict) and "Heading" in tag or tag in ("Paragraph", "CodeBlock", "Item", "HtmlBlock"):
            self.end_block()
        elif isinstance(tag, dict) and "List" in tag:
            self.end_block()
            self.depth -= 1
            if self.depth == 0 and self.current is not None:
                finished, self.current = self.current, None
                if finished["items"]:
                    if finished["ordered"]:
                        finished["delimiter"] = self.delimiter(finished)
                    self.blocks.append(finished)
        elif tag == "Strong":
            self.strong -= 1
        elif tag == "Emphasis":
            self.emph -= 1
        elif tag == "Link" and self.urls:
            self.urls.pop()

    def delimiter(self, ordered: Block) -> str:
        """'.' or ')', as the source writes the list's first marker (pulldown-cmark does not say): the first
        line from where the previous list was found that starts with the list's number and then its first word."""
        first = "".join(span["text"] for span in ordered["items"][0]).split()
        word = re.escape(first[0].strip("\u201c\u201d\u2018\u2019\"'")[:20]) if first else ""
        marker = re.compile(rf"^ {{0,3}}{ordered['start']}([.)])[ \t]+\W*{word}", re.MULTILINE)
        found = marker.search(self.source, self.searched)
        if found is None:
            return "."
        self.searched = found.end()
        return found[1]

    def event(self, event: object) -> None:
        if event.__class__ is str:  # SoftBreak, HardBreak, Rule
            if event in ("SoftBreak", "HardBreak"):
                self.add_text(" ")
            return
        (kind, value), = event.items()  # type: ignore[union-attr]
        if kind == "Text":
            self.add_text(value)
        elif kind == "Start":
            self.start(value)
        elif kind == "End":
            self.end(value)
        elif kind == "Code":
            self.add_text(value, code=True)
        elif kind in ("Html", "InlineHtml"):
            self.add_text(value)


def parse_markdown(text: str) -> list[Block]:
    """The blocks of a Markdown text; the lines of a paragraph or a list item are joined by spaces."""
    import pyromark

    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = _Reader(text)
    for event in pyromark.events(text, options=pyromark.Options.ENABLE_SMART_PUNCTUATION):
        reader.event(event)
    reader.end_block()
    for block in reader.blocks:
        if block["kind"] == "list":
            block["items"] = [_trimmed(_merge(item)) for item in block["items"]]
        else:
            block["spans"] = _trimmed(_merge(block["spans"]))
    return [block for block in reader.blocks if block.get("spans", True)]


def parse_inline(text: str) -> list[Span]:
    """Spans of one paragraph: `**strong**`, `*emph*`/`_emph_`, `` `code` ``, `[text](url)`, `\\` escapes."""
    blocks = parse_markdown(text)
    return blocks[0]["spans"] if blocks and blocks[0]["kind"] == "paragraph" else []


def _trimmed(spans: list[Span]) -> list[Span]:
    """Spans without white space at the ends of the block, and with runs of white space as one space."""
    spans = [{**s, "text": " ".join(s["text"].split(" ")) if s["code"] else re.sub(r"\s+", " ", s["text"])}
             for s in spans]
    if spans:
        spans[0] = {**spans[0], "text": spans[0]["text"].lstrip()}
        spans[-1] = {**spans[-1], "text": spans[-1]["text"].rstrip()}
    return [s for s in spans if s["text"]]


def _figures(text: str) -> str:
    """En dashes in number ranges, then true minus signs before negative figures."""
    return _NEGATIVE.sub(MINUS, _RANGE.sub(EN_DASH, text))


def _span(text: str, strong: bool = False, emph: bool = False, code: bool = False, url: str | None = None) -> Span:
    return {"text": text, "strong": strong, "emph": emph, "code": code, "url": url}


def _merge(spans: list[Span]) -> list[Span]:
    """Neighbouring spans of the same style as one span (in linear time); empty spans dropped."""
    merged: list[Span] = []
    pieces: list[str] = []
    for span in spans:
        if not span["text"]:
            continue
        if merged and all(merged[-1][k] == span[k] for k in ("strong", "emph", "code", "url")):
            pieces.append(span["text"])
            continue
        if merged:
            merged[-1]["text"] = "".join(pieces)
        merged.append(dict(span))
        pieces = [span["text"]]
    if merged:
        merged[-1]["text"] = "".join(pieces)
    return merged


def plain_text(blocks: list[Block]) -> str:
    """The words of the blocks without styling (for tests, search and alternative text)."""
    parts: list[str] = []
    for block in blocks:
        if block["kind"] == "list":
            parts.extend("".join(s["text"] for s in item) for item in block["items"])
        else:
            parts.append("".join(s["text"] for s in block["spans"]))
    return "\n".join(parts)
