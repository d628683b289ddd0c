"""publisher: conference notes in Markdown → slide decks and PDF handouts.

The public API is what ``__all__`` lists; everything else is internal.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
