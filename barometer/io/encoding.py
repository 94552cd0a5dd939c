"""Decode text files: UTF-8 with or without BOM; Windows-1251 is recognised and named, never guessed."""

from __future__ import annotations

from barometer.errors import Problem

_CYRILLIC = range(0x0400, 0x0500)


def looks_like_cp1251(data: bytes) -> bool:
    """True when the bytes are not UTF-8 but read as mostly Cyrillic text in Windows-1251."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return False
    letters = [c for c in text if c.isalpha()]
    cyrillic = sum(ord(c) in _CYRILLIC for c in letters)
    return bool(letters) and cyrillic >= max(1, len([c for c in letters if ord(c) > 127]) // 2)


def decode_utf8(data: bytes, file: str, convert_cp1251: bool = False) -> tuple[str, list[Problem]]:
    """The text of a file, or the problems that prevent reading it (with the line of the first bad byte)."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        if looks_like_cp1251(data):
            if convert_cp1251:
                return data.decode("cp1251"), []
            message = "the file is in Windows-1251 (cp1251), not UTF-8"
            expected = "UTF-8 text: save the file as 'CSV UTF-8', or import it with --encoding cp1251"
        else:
            message = "the file is not UTF-8 text"
            expected = "UTF-8 text"
        value = data[error.start: error.start + 4].hex(" ")
        return "", [Problem("encoding", message, file=file, line=line, column=column,
                            value=value, expected=expected)]
