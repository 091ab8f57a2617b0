"""Colours shared by the Excel and HTML reports."""

BAND_COLOURS = {
    "BLUE": "#1F6FD1",
    "GREEN": "#2E9D4F",
    "YELLOW": "#E3B505",
    "RED": "#D13B3B",
    "PURPLE": "#7B3FB0",
    "N/A": "#9AA5B1",
}
BAND_TEXT_COLOURS = {
    band: "#1A1A1A" if band in ("YELLOW", "N/A") else "#FFFFFF" for band in BAND_COLOURS
}
