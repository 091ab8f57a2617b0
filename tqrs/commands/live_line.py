"""A progress line on stderr: redrawn in place on a terminal, a plain line every few seconds
otherwise (a log file or a pipe gets whole lines, not carriage returns; a job shorter than
that prints nothing there)."""

import time

BAR_WIDTH = 24


def bar(share: float, width: int = BAR_WIDTH) -> str:
    """`[########................]` for a share between 0 and 1."""
    filled = int(max(0.0, min(1.0, share)) * width)
    return f"[{'#' * filled}{'.' * (width - filled)}]"


class LiveLine:
    def __init__(self, stream, interval: float | None = None):
        self.stream = stream
        self.tty = stream.isatty()
        self.interval = interval if interval is not None else (0.1 if self.tty else 2.0)
        # off a terminal, the first line only after `interval`: short jobs stay quiet
        self.last_draw = 0.0 if self.tty else time.monotonic()
        self.pending = ""
        self.drawn_line = ""

    def show(self, line: str) -> None:
        """Draw `line` unless one was drawn less than `interval` ago (then it waits for
        the next one, or for close)."""
        self.pending = line
        now = time.monotonic()
        if now - self.last_draw >= self.interval:
            self.last_draw = now
            self._draw(line)

    def close(self) -> None:
        """Draw the last line given, and end it (off a terminal, only when a line was drawn)."""
        if self.pending and (self.tty or self.drawn_line):
            self._draw(self.pending)
            if self.tty:
                self.stream.write("\n")
            self.stream.flush()

    def _draw(self, line: str) -> None:
        if line == self.drawn_line:
            return
        self.drawn_line = line
        self.stream.write(f"\r{line}" if self.tty else f"{line}\n")
        self.stream.flush()
