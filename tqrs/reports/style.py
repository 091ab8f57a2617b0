"""Colours of the bands: the one place for them, shared by the reports, the workbench's
tables, badges and charts."""

BAND_COLOURS = {
    "BLUE": "#1F6FD1",
    "GREEN": "#2E9D4F",
    "YELLOW": "#E3B505",
    "RED": "#D13B3B",
    "PURPLE": "#7B3FB0",
    "N/A": "#9AA5B1",
}
NO_BAND_COLOUR = BAND_COLOURS["N/A"]  # a ticket without a band, or a band no palette knows
# Best to worst: a band name the colours above do not know takes the colour of its rank.
_BY_RANK = tuple(BAND_COLOURS[name] for name in ("BLUE", "GREEN", "YELLOW", "RED", "PURPLE"))


def band_colours(names: list[str]) -> dict[str, str]:
    """A colour for each band of a rubric (`names` best first, as Rubric.bands) and for "N/A"
    (no band): the built-in names keep theirs, any other name the colour of its rank (the last
    band the worst). Rubrics carry no colours: this palette is the only one."""
    last = max(len(names) - 1, 1)
    return {
        name: BAND_COLOURS.get(name) or _BY_RANK[round(i * (len(_BY_RANK) - 1) / last)]
        for i, name in enumerate(names)
    } | {"N/A": NO_BAND_COLOUR}


def text_colour(background: str) -> str:
    """Dark or white text, whichever reads better on `background` ("#RRGGBB")."""
    r, g, b = (int(background.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return "#1A1A1A" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


BAND_TEXT_COLOURS = {band: text_colour(colour) for band, colour in BAND_COLOURS.items()}
