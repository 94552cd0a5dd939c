"""What a template remembers of each catalogue it was made from: the file's SHA-256 and a short hash of
each event's date and text, so an import can tell a catalogue that changed since, and which events are new."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from barometer.models import AnyEvent

ABSENT = "absent"  # the track had no CSV when the template was made


def event_hash(event: AnyEvent) -> str:
    """12 hex digits of the event's identity (`BaseEvent.key`: its date and its text without case)."""
    date, text = event.key
    return hashlib.sha256(f"{date.iso}\t{text}".encode()).hexdigest()[:12]


def file_hash(data: bytes | None) -> str:
    return ABSENT if data is None else hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Fingerprint:
    """A catalogue as it was: its file's hash (or ABSENT) and the hashes of its events."""

    sha256: str
    events: frozenset[str]

    @classmethod
    def of(cls, data: bytes | None, events: Iterable[AnyEvent]) -> Fingerprint:
        return cls(file_hash(data), frozenset(event_hash(e) for e in events))

    def render(self) -> str:
        return f"sha256={self.sha256};events={','.join(sorted(self.events))}"

    @classmethod
    def parse(cls, text: str) -> Fingerprint | None:
        """The fingerprint a template holds, or None when the property is not one (edited by hand)."""
        fields = dict(part.split("=", 1) for part in text.split(";") if "=" in part)
        if "sha256" not in fields:
            return None
        return cls(fields["sha256"], frozenset(h for h in fields.get("events", "").split(",") if h))

    def matches(self, data: bytes | None) -> bool:
        return self.sha256 == file_hash(data)

    def added_since(self, events: Iterable[AnyEvent]) -> list[AnyEvent]:
        return [e for e in events if event_hash(e) not in self.events]
