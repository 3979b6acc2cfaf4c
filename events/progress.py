"""One progress bar for long management commands (seed_bulk, regenerate_renditions)."""

import time


class Progress:
    """On a terminal, a bar redrawn in place; elsewhere (logs, CI) a line at every tenth
    of the way. ``finish()`` ends the bar and says how long it took."""

    def __init__(self, stream, label: str, total: int, unit: str = "rows"):
        self.stream, self.label, self.total, self.unit = stream, label, total, unit
        self.done, self.shown_tenth = 0, -1
        self.started = time.monotonic()
        self.tty = getattr(stream, "isatty", lambda: False)()
        self.show()

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def update(self, done: int) -> None:
        self.done = done
        self.show()

    def show(self) -> None:
        fraction = min(1.0, self.done / self.total) if self.total else 1.0
        line = f"{self.label:<22} {self.done:>9,}/{self.total:,} {self.unit} ({fraction:.0%})"
        if self.tty:
            filled = int(25 * fraction)
            bar = "#" * filled + "-" * (25 - filled)
            self.stream.write(f"\r{self.label:<22} [{bar}] {line[23:]}", ending="")
            self.stream.flush()
        elif int(fraction * 10) > self.shown_tenth:
            self.shown_tenth = int(fraction * 10)
            self.stream.write(line)

    def finish(self) -> None:
        if self.tty:
            self.stream.write("")
        elapsed = time.monotonic() - self.started
        self.stream.write(f"{'':<22} {self.done:,} {self.unit} in {elapsed:.1f} s")
