"""Command-line options in the settings' own names and values."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from publisher.options import cli_settings, settings_options


def test_options_become_settings_in_the_schema_s_terms(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    given = {
        "per_page": "6",
        "paper": "letter",
        "template": "company.pptx",
        "templates": "theme",
        "output": "out",
        "handout_notes": False,
        "lang": None,
        "quiet": True,  # not a setting
    }
    assert cli_settings(given) == {
        "per_page": 6,
        "paper": "Letter",
        "template": str(tmp_path / "company.pptx"),
        "templates": str(tmp_path / "theme"),
        "output": "out",
        "handout_notes": False,
    }


def test_colours_are_checked_by_the_settings_rule() -> None:
    @click.command()
    @settings_options
    def command(**options: object) -> None:
        click.echo(repr(cli_settings(dict(options))))

    from click.testing import CliRunner

    good = CliRunner().invoke(command, ["--accent-color", "#AA0000", "--no-allow-remote"])
    assert good.exit_code == 0
    assert good.stdout.strip() == "{'accent_color': '#AA0000', 'allow_remote': False}"
    bad = CliRunner().invoke(command, ["--text-color", "#12345"])
    assert bad.exit_code == 2
    assert "Invalid value for '--text-color': must be a colour like #1F5FAF" in bad.stderr
