"""Python's garbage collector, set for a command that runs once and exits.

A build keeps almost everything it makes until it ends: imported modules, the
parsed notes, the plan, WeasyPrint's boxes. Python's default thresholds have
the collector walk those again and again while a handout is laid out and
written (about a tenth of its CPU time, bench/NOTES.md), looking for reference
cycles that are rarely there. So:

- the command collects less often (:func:`collect_less_often`);
- a forked worker freezes what it inherited (:func:`keep_what_exists`): the
  parent keeps those objects, so the child's collections need not walk them;
- the forked deck writer collects what python-pptx made for a deck as soon as
  the deck is written (:func:`collect_cycles`, through
  :meth:`publisher.workers.Channel.collect`): its package, parts and
  relationships refer to one another, so only a collection frees them, and
  with the raised thresholds 180 decks held about 70 MiB until the end. It
  freezes the plan first (``Channel.settle``), so each collection walks one
  deck's objects, not the plan's;
- a process whose last work is printing a handout stops collecting
  (:func:`stop_collecting`): its young collections freed nothing measurable
  (the ×20 handouts reached the same peak memory without them) and took
  0.3–0.4 s of each;
- the command freezes everything before it exits, so the interpreter's last
  collections do not walk what the operating system is about to take back.

``publisher watch`` keeps the raised thresholds while it waits: it still
collects, only less often, so it holds a little more memory between builds.
A program that imports publisher as a library keeps its own settings: only
the ``publisher`` command changes the thresholds.
"""

from __future__ import annotations

import gc

# Container objects allocated (net) between two young collections: Python's
# default is 700. Measured on builds of five times the reference notes:
# 20,000 with (20, 20) for the older generations saved about 8 % of the CPU
# time (the slide handout alone 18 %) and cost about 4 % more peak memory.
# The middle generation is collected after 100 young collections (two million
# new objects), not 20: each of its collections walks every box laid out since
# the last, and the ×20 slide handout had two of them (about half a second of
# its 1 s in the collector; the reading handout 0.2 s), for a few MiB of
# garbage in reference cycles kept to the end (bench/NOTES.md).
YOUNG_THRESHOLD = 20_000
OLDER_THRESHOLDS = (100, 20)


def collect_less_often() -> None:
    """Set the thresholds a build runs with (the whole process, and the workers it forks)."""
    gc.set_threshold(YOUNG_THRESHOLD, *OLDER_THRESHOLDS)


def keep_what_exists() -> None:
    """Leave every object that exists now out of later collections (:func:`gc.freeze`)."""
    gc.freeze()


def collect_cycles() -> None:
    """Free now what only refers to itself (a written deck's package): a full collection."""
    gc.collect()


def stop_collecting() -> None:
    """No more collections: for a process that exits after its present work (:func:`gc.disable`)."""
    gc.disable()
