"""Which track a heading of pasted bulletin text names: a track's section, label or aliases from barometer.toml,
with the bulletin's prefixes ('Relationship with …'), an appendix's number ('Appendix 2. …') or '(continued)'
around them; and which headings are structure (an appendix title) rather than a catalogue. Pure."""

from __future__ import annotations

import re

from barometer.models import Track, WorkspaceConfig

STRUCTURAL = re.compile(r"^(?:appendix \d+|annex \d+|catalogue of events\b.*)$")
APPENDIX_PREFIX = re.compile(r"^(?:appendix|annex) \d+ ?")
HEADING_PREFIXES = {"relationship with", "relationships with", "relations with", "relations between"}
NUMBERING = re.compile(r"^(?:\d{1,3} )+")
CONTINUED = re.compile(r" (?:continued|cont)$")


def normal(text: str) -> str:
    """'Relationship with the U.S.' → 'relationship with us': for comparing headings."""
    text = text.casefold().replace(".", "").replace("\u2019", "'")
    return " ".join(word for word in re.findall(r"[^\W_]+", text) if word != "the")


class Headings:
    """The headings of a workspace's tracks, normalised (`normal`) for comparing."""

    def __init__(self, config: WorkspaceConfig) -> None:
        """Every way a track's section may be headed; plain lines need the longer forms."""
        self.any_heading: dict[str, Track] = {}
        self.plain_heading: dict[str, Track] = {}
        self.short_heading: dict[str, Track] = {}  # labels and aliases of one or two words ('Security Barometer')
        prefixes: set[str] = set()
        for track in config.tracks:
            label = normal(track.label)
            section = normal(track.heading)
            if label and section.endswith(" " + label):
                prefixes.add(section[: -len(label) - 1])
        self.prefixes = sorted(p for p in prefixes | HEADING_PREFIXES if p)
        for track in config.tracks:
            names = [track.label, *track.aliases]
            for form in [track.heading, track.section]:
                if normal(form):
                    self.any_heading.setdefault(normal(form), track)
                    self.plain_heading.setdefault(normal(form), track)
            for name in names:
                short = normal(name)
                if not short:
                    continue
                self.any_heading.setdefault(short, track)
                if len(short.split()) >= 3:
                    self.plain_heading.setdefault(short, track)
                else:
                    self.short_heading.setdefault(short, track)
                if track.kind == "relations":
                    for prefix in self.prefixes:
                        self.any_heading.setdefault(f"{prefix} {short}", track)
                        self.plain_heading.setdefault(f"{prefix} {short}", track)
        self.expected = ", ".join(t.heading for t in config.tracks)

    def track(self, text: str, plain: bool, short: bool = False) -> Track | str | None:
        """The track a heading names, "structural" for an appendix title, None when unknown. A plain line names a
        track by its section or a name of three words or more, or, when `short`, by any label or alias."""
        name = NUMBERING.sub("", CONTINUED.sub("", normal(text)))
        known = self.plain_heading if plain else self.any_heading
        if name in known:
            return known[name]
        if plain and short and name in self.short_heading:
            return self.short_heading[name]
        rest = APPENDIX_PREFIX.sub("", name)
        if rest != name and rest in self.any_heading:
            return self.any_heading[rest]
        if STRUCTURAL.match(name) or (rest != name and STRUCTURAL.match(rest)):
            return "structural"
        if rest != name and rest and APPENDIX_PREFIX.match(name):
            return "appendix"  # 'Appendix 3. Colour scale of …': an appendix that is no catalogue
        return None

    def looks_like_heading(self, text: str) -> bool:
        """A plain line that reads like a section heading ('Relationship with Moldova')."""
        name = NUMBERING.sub("", normal(text))
        return (text[:1].isupper() or text[:1].isdigit()) and len(name.split()) <= 8 and not text.endswith(".") \
            and any(name.startswith(p + " ") for p in self.prefixes)
