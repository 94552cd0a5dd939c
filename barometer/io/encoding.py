"""Decode text files: UTF-8 with or without BOM; Windows-1251 is recognised and named, never guessed."""

from __future__ import annotations

from pathlib import Path

from barometer.errors import Code, Problem
from barometer.io.boundary import read_checked

MAX_TEXT_BYTES = 10 * 1024 * 1024  # a two-month catalogue is a few dozen KB; 10 MB is no catalogue

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


UTF16_MESSAGE = "the file is in UTF-16 (Excel's 'Unicode Text'), not UTF-8"
UTF16_EXPECTED = "UTF-8 text: in Excel, save it as 'CSV UTF-8 (Comma delimited)'; in a text editor, as UTF-8"


def looks_like_utf16(data: bytes) -> bool:
    """True for UTF-16 without a byte order mark: text whose every other byte is NUL (Latin letters, digits and
    punctuation in UTF-16 LE or BE), which would otherwise pass as UTF-8 full of NULs."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return max(even, odd) >= 0.6 * half and min(even, odd) <= 0.1 * half


def decode_utf8(data: bytes, file: str, convert_cp1251: bool = False) -> tuple[str, list[Problem]]:
    """The text of a file, or the problems that prevent reading it (with the line of the first bad byte)."""
    if looks_like_utf16(data) and not data.startswith(b"\xef\xbb\xbf"):
        return "", [Problem(Code.FILE_NOT_UTF8, UTF16_MESSAGE, file=file, line=1, column=1,
                            value=data[:4].hex(" "), expected=UTF16_EXPECTED)]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            message, expected = UTF16_MESSAGE, UTF16_EXPECTED
        elif looks_like_cp1251(data):
            if convert_cp1251:
                return data.decode("cp1251"), []
            message = "the file is in Windows-1251 (cp1251), not UTF-8"
            expected = ("UTF-8 text: save the file as 'CSV UTF-8', or import it with --encoding cp1251 (which "
                        "converts it as it is read)" if file.lower().endswith(".csv")
                        else "UTF-8 text: save the file as UTF-8")
        else:
            message = "the file is not UTF-8 text"
            expected = "UTF-8 text"
        value = data[error.start: error.start + 4].hex(" ")
        return "", [Problem(Code.FILE_NOT_UTF8, message, file=file, line=line, column=column,
                            value=value, expected=expected)]


def read_file_bytes(path: Path, file: str, limit: int = MAX_TEXT_BYTES, root: Path | None = None,
                    what: str = "a catalogue") -> tuple[bytes, list[Problem]]:
    """A file's bytes, refusing files too large to be a catalogue before reading them; with `root`, a file
    that is not a regular file inside it (see `boundary`)."""
    return read_checked(path, file, limit, root, what)


def read_text_file(path: Path, file: str, convert_cp1251: bool = False,
                   limit: int = MAX_TEXT_BYTES, root: Path | None = None,
                   what: str = "a catalogue") -> tuple[str, list[Problem]]:
    """A text file's content, refusing files too large to be a catalogue before reading them."""
    data, problems = read_file_bytes(path, file, limit, root, what)
    if problems:
        return "", problems
    return decode_utf8(data, file, convert_cp1251)
