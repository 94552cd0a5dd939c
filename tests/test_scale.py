"""The colour scale: every integer in exactly one band; gapped or overlapping scales refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from barometer.errors import CatalogueInvalid
from barometer.load import load_scale
from barometer.scale import Band, coverage_problems

REPO = Path(__file__).resolve().parent.parent
BAD = Path(__file__).resolve().parent / "data" / "bad"


@pytest.fixture(scope="module")
def shipped():
    return load_scale(REPO / "scales" / "regional-tension.toml", "scales/regional-tension.toml")


def test_every_integer_in_a_wide_range_lies_in_exactly_one_band(shipped) -> None:
    for value in range(-1000, 1001):
        assert sum(band.contains(value) for band in shipped.bands) == 1, value


@pytest.mark.parametrize(
    ("value", "band"),
    [(5, "White"), (0, "White"), (-1, "White"), (-2, "Green"), (-6, "Green"), (-7, "Yellow"),
     (-8, "Yellow"), (-12, "Yellow"), (-13, "Orange"), (-17, "Orange"), (-18, "Red"), (-40, "Red")],
)
def test_bands_follow_the_printed_bounds(shipped, value: int, band: str) -> None:
    assert shipped.band_for(value).name == band


def test_printed_wording_is_kept_and_bounds_read_like_the_bulletin(shipped) -> None:
    assert [b.printed for b in shipped.bands][1:] == ["from -2 to -6", "from -7 to -12", "from -13 to -17",
                                                      "-18 and lower"]
    assert shipped.band_named("yellow").bounds == "from -7 to -12"
    assert shipped.band_named("Red").bounds == "-18 and lower"


def test_the_printed_gap_is_refused_with_the_missing_value() -> None:
    with pytest.raises(CatalogueInvalid) as caught:
        load_scale(BAD / "scale-gap.toml", "scale-gap.toml")
    messages = [p.message for p in caught.value.problems]
    assert messages == ["gap: -1 lies between Green and White in no band"]
    assert caught.value.problems[0].file == "scale-gap.toml"


def test_an_overlap_is_refused_naming_both_bands() -> None:
    with pytest.raises(CatalogueInvalid) as caught:
        load_scale(BAD / "scale-overlap.toml", "scale-overlap.toml")
    assert [p.code for p in caught.value.problems] == ["scale-overlap"]
    assert "-2 to -2 lies in both Green and White" in caught.value.problems[0].message


bounds = st.lists(st.integers(-50, 50), min_size=0, max_size=6, unique=True).map(sorted)


@given(bounds)
def test_contiguous_bands_built_from_any_cut_points_cover_everything_once(cuts: list[int]) -> None:
    edges = [None, *cuts, None]
    bands = [
        Band(name=f"b{i}", colour="#000000", min=edges[i], max=None if edges[i + 1] is None else edges[i + 1] - 1)
        for i in range(len(edges) - 1)
    ]
    assert coverage_problems(bands) == []
    for value in range(-60, 61):
        assert sum(b.contains(value) for b in bands) == 1


@given(bounds, st.integers(0, 5))
def test_removing_a_band_from_contiguous_bands_is_always_caught(cuts: list[int], which: int) -> None:
    edges = [None, *cuts, None]
    bands = [
        Band(name=f"b{i}", colour="#000000", min=edges[i], max=None if edges[i + 1] is None else edges[i + 1] - 1)
        for i in range(len(edges) - 1)
    ]
    if len(bands) < 2:
        return
    del bands[which % len(bands)]
    assert any(message.startswith("gap") for message in coverage_problems(bands))
