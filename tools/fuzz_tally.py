"""What the fuzz campaign counts (tools/fuzz.py): the tallies of one kind of input and the
place in lakipcore where a foreign exception was raised.
"""

from __future__ import annotations

import collections
import traceback

SLOW_SECONDS = 1.0
SLOW_KEY = f"over {SLOW_SECONDS:g} s of CPU time"


def crash_site(error: BaseException) -> str:
    """The exception's class and the last line of lakipcore it passed through."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "lakipcore" in f.filename]
    where = (
        f"{frames[-1].filename.rsplit('lakipcore', 1)[-1]}:{frames[-1].lineno}" if frames else "?"
    )
    return f"{type(error).__name__} at {where}"


class Tally:
    """What happened to the inputs of one kind."""

    def __init__(self) -> None:
        self.tried = 0
        self.accepted = 0
        self.refused = 0
        self.foreign: collections.Counter[str] = collections.Counter()
        self.silent: collections.Counter[str] = collections.Counter()
        self.later: collections.Counter[str] = collections.Counter()
        self.examples: dict[str, str] = {}
        self.slow = 0
        self.slowest = (0.0, "")

    def merge(self, other: Tally) -> None:
        self.tried += other.tried
        self.accepted += other.accepted
        self.refused += other.refused
        self.foreign.update(other.foreign)
        self.silent.update(other.silent)
        self.later.update(other.later)
        for key, text in other.examples.items():
            self.examples.setdefault(key, text)
        self.slow += other.slow
        self.slowest = max(self.slowest, other.slowest)

    def timed(self, seconds: float, text: str) -> None:
        if seconds > SLOW_SECONDS:
            self.slow += 1
            self.examples.setdefault(SLOW_KEY, f"{seconds:.1f} s: {text[:300]}")
        if seconds > self.slowest[0]:
            self.slowest = (seconds, text[:80])

    def note(self, counter: collections.Counter[str], key: str, text: str) -> None:
        counter[key] += 1
        self.examples.setdefault(key, text[:400])
