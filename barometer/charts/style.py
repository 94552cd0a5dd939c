"""How every chart looks: sizes, fonts, the palette, a style per relationship, axes without chartjunk.

matplotlib is imported inside functions only: importing this module costs nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from barometer.i18n import ENGLISH, Language
from barometer.summary import IssueSummary

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

CM = 1 / 2.54
FONT = "Lato"  # the bulletin's sans, shipped in reports/templates/fonts; DejaVu Sans where it is not found
FALLBACK_FONT = "DejaVu Sans"

# matplotlib settings in force while `render_issue_charts` draws and saves (set for that call only).
RC: dict[str, Any] = {
    "font.family": FONT,
    "pdf.fonttype": 42,  # TrueType, embedded: text stays text in the PDF
    "ps.fonttype": 42,
    "svg.fonttype": "path",  # SVG text as outlines: looks the same wherever it is shown
    "svg.hashsalt": "barometer",  # stable element ids: the same data give the same SVG
    "axes.unicode_minus": True,
    "savefig.dpi": 200,
}

# Sizes in points at print size: charts are drawn at the size the bulletin places them, so no text is
# smaller than 7.5 pt on paper.
TITLE_SIZE = 10
LABEL_SIZE = 8.5
TICK_SIZE = 8
NOTE_SIZE = 7.5

INK = "#1A1A1A"  # text, aggregates, single series
MUTED = "#5B6573"  # notes, reference lines (5.9:1 on white)
GRID = "#DDDDDD"
PAPER = "#FFFFFF"
# One colour-blind-safe pair for positive and negative, in tables and charts alike (blue and orange: both
# 4.5:1 or more on white as text); the brand colour of the template is kept apart from data colours.
POSITIVE = "#2166AC"
NEGATIVE = "#B35806"


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    """How one relationship is drawn in every chart: colour, marker and dash differ, so greyscale reads."""

    colour: str
    marker: str
    linestyle: str | tuple[int, tuple[int, ...]]


# Paul Tol's muted palette, colour-blind safe and apart from the positive/negative pair and the brand;
# markers and dashes tell the series apart without colour too.
SERIES = (
    SeriesStyle("#332288", "o", "-"),
    SeriesStyle("#117733", "s", "--"),
    SeriesStyle("#882255", "^", "-."),
    SeriesStyle("#997700", "D", ":"),
    SeriesStyle("#44AA99", "v", (0, (6, 2, 1, 2, 1, 2))),
    SeriesStyle("#AA4499", "P", (0, (3, 1))),
)


def series_style(index: int) -> SeriesStyle:
    """The style of the `index`-th relationship in the workspace's order (repeats after six)."""
    return SERIES[index % len(SERIES)]


@dataclass(frozen=True, slots=True)
class Margins:
    """Room around the plot, in cm: the same margins give charts whose plots line up on the page."""

    left: float = 1.7
    right: float = 4.6
    bottom: float = 1.35
    top: float = 0.85


def new_figure(width_cm: float, height_cm: float) -> Figure:
    """A figure of its own (not pyplot's), on the Agg backend, sized in cm, laid out by `add_plot`."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    return Figure(figsize=(width_cm * CM, height_cm * CM), facecolor=PAPER)


def add_plot(figure: Figure, margins: Margins) -> Axes:
    """The figure's one Axes, placed by fixed margins (no layout engine: one draw per save, and plots align)."""
    width, height = figure.get_figwidth() / CM, figure.get_figheight() / CM
    return figure.add_axes((margins.left / width, margins.bottom / height,
                            1 - (margins.left + margins.right) / width, 1 - (margins.bottom + margins.top) / height))


NO_LIGATURES = ["-liga"]


def plain_text(figure: Figure) -> None:
    """No ligatures ("fi" stays two letters) in titles, labels, notes and legends: one font subset per PDF,
    and text that copies as typed. (Tick labels hold no ligature pairs; walking them would create ticks.)"""
    for ax in figure.axes:
        legend = ax.get_legend()
        texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.texts, *(legend.get_texts() if legend else [])]
        for text in texts:
            text.set_fontfeatures(NO_LIGATURES)


def plain_axes(ax: Axes, title: str | None, xlabel: str = "", ylabel: str = "", grid_axis: str = "y") -> None:
    """Title (none where the page gives the chart a caption), axis labels, light grid behind the data, no top
    or right frame."""
    if title:
        ax.set_title(title, fontsize=TITLE_SIZE, loc="left", color=INK, pad=8, fontfeatures=NO_LIGATURES)
    if xlabel:
        ax.set_xlabel(xlabel, fontsize=LABEL_SIZE, color=INK)
    if ylabel:
        ax.set_ylabel(ylabel, fontsize=LABEL_SIZE, color=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
        ax.spines[side].set_linewidth(0.6)
    ax.tick_params(labelsize=TICK_SIZE, colors=INK, width=0.6, length=3)
    ax.tick_params(which="minor", length=1.5, width=0.5)
    ax.set_axisbelow(True)
    if grid_axis:
        ax.grid(axis=grid_axis, color=GRID, linewidth=0.5)


def zero_line(ax: Axes, vertical: bool = False) -> None:
    """A thin reference line at zero."""
    if vertical:
        ax.axvline(0, color=MUTED, linewidth=0.8, zorder=1.5)
    else:
        ax.axhline(0, color=MUTED, linewidth=0.8, zorder=1.5)


def summaries_of(history: Sequence[Any]) -> list[IssueSummary]:
    """Summaries (a loader's history) or entries of `build_history` (which hold one each), ascending."""
    summaries = [getattr(item, "summary", item) for item in history]
    return sorted(summaries, key=lambda s: s.issue.number)


def axes_width_cm(ax: Axes) -> float:
    """The Axes' width on paper as placed now (before any layout engine runs)."""
    return ax.get_position().width * ax.figure.get_figwidth() / CM


def issue_axis(ax: Axes, numbers: Sequence[int], first: int, last: int, words: Language = ENGLISH) -> None:
    """x axis of issue numbers with real gaps: a labelled tick at each issue shown, a minor tick per issue.

    Labels read 'No. 3' where there is room, else '3' under the axis title 'Issue No.'. Up to 12 issues each
    is labelled; beyond, multiples of 2, 5, 10… and the latest, so labels never collide.
    """
    from matplotlib.ticker import MultipleLocator

    ax.set_xlim(first - 0.7, last + 0.7)
    shown = sorted(set(numbers))
    step = 1 if len(shown) <= 12 else next(s for s in (2, 5, 10, 20, 50, 100, 200, 500, 10**9)
                                           if (last - first) / s <= 12)
    labelled = [n for n in shown if n % step == 0] if step > 1 else shown
    if shown[-1] not in labelled:  # the latest issue is always labelled; a neighbour too close makes way
        labelled = [n for n in labelled if shown[-1] - n >= step / 2] + [shown[-1]]
    per_issue = axes_width_cm(ax) / (last - first + 1.4)
    closest = min((b - a for a, b in zip(labelled, labelled[1:], strict=False)), default=99)
    if closest * per_issue >= 1.0:
        ax.set_xticks(labelled, [words.text("No. {issue}", issue=n) for n in labelled])
        ax.set_xlabel(words.text("Issue"), fontsize=LABEL_SIZE, color=INK)
    else:
        ax.set_xticks(labelled, [str(n) for n in labelled])
        ax.set_xlabel(words.text("Issue No."), fontsize=LABEL_SIZE, color=INK)
    if last - first <= 80:
        ax.xaxis.set_minor_locator(MultipleLocator(1))


def marker_size(first: int, last: int) -> float:
    """Markers shrink as issues crowd the axis, so a long history stays a line, not a row of blots."""
    span = last - first + 1
    return 5.5 if span <= 20 else max(2.0, 5.5 * 20 / span)


def legend_beside(ax: Axes, handles: list[Any], gap: float = 1.0, handlelength: float = 2.8) -> None:
    """A frameless legend right of the plot, out of the data's way; `gap` in font sizes. When its labels (in
    a language with longer words) would run off the figure, the plot narrows to make room."""
    legend = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False,
                       fontsize=NOTE_SIZE, handlelength=handlelength, borderaxespad=gap, labelspacing=0.7)
    figure = ax.figure
    overflow = legend.get_window_extent().x1 - (figure.bbox.width - 3)
    if overflow > 0:
        place = ax.get_position()
        ax.set_position((place.x0, place.y0, place.width - overflow / figure.bbox.width, place.height))


def spread_labels(wanted: Sequence[float], gap: float) -> list[float]:
    """Positions as near `wanted` as they can be with at least `gap` between neighbours (direct labels that
    never overlap): labels too close together form a run, centred on the mean of the positions they want."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    runs: list[list[float]] = []  # each run: the wanted positions of its labels, in order
    for index in order:
        runs.append([float(wanted[index])])
        while len(runs) > 1 and _run_start(runs[-1], gap) < _run_start(runs[-2], gap) + len(runs[-2]) * gap:
            runs[-2:] = [runs[-2] + runs[-1]]
    placed = [_run_start(run, gap) + k * gap for run in runs for k in range(len(run))]
    result = [0.0] * len(wanted)
    for rank, index in enumerate(order):
        result[index] = placed[rank]
    return result


def _run_start(run: list[float], gap: float) -> float:
    return sum(run) / len(run) - (len(run) - 1) * gap / 2
