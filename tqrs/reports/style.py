"""Colours of the bands, shared by the reports and the workbench's charts."""

BAND_COLOURS = {
    "BLUE": "#1F6FD1",
    "GREEN": "#2E9D4F",
    "YELLOW": "#E3B505",
    "RED": "#D13B3B",
    "PURPLE": "#7B3FB0",
    "N/A": "#9AA5B1",
}
# Best to worst: a band name the colours above do not know takes the colour of its rank.
_BY_RANK = ("#1F6FD1", "#2E9D4F", "#E3B505", "#D13B3B", "#7B3FB0")


def band_colours(names: list[str]) -> dict[str, str]:
    """A colour for each band of a rubric (`names` best first, as Rubric.bands): the built-in
    names keep theirs, any other name the colour of its rank (the last band the worst)."""
    last = max(len(names) - 1, 1)
    return {
        name: BAND_COLOURS.get(name) or _BY_RANK[round(i * (len(_BY_RANK) - 1) / last)]
        for i, name in enumerate(names)
    }


BAND_TEXT_COLOURS = {
    band: "#1A1A1A" if band in ("YELLOW", "N/A") else "#FFFFFF" for band in BAND_COLOURS
}
