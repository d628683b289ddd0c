"""``python -m publisher``."""

from .cli import run

run()
