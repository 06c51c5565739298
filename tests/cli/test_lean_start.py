"""The command line builds only the command it is asked for (kvk.cli._lean): every command's
help, and its answer to a wrong option, are what the whole application gives."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from kvk.cli import _lean, app

COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_one_command_alone_says_what_the_whole_application_says(name):
    runner = CliRunner()
    lean = _lean([name, "--help"])
    assert lean is not None and len(lean.registered_commands) + len(lean.registered_groups) == 1
    for args in ([name, "--help"], [name, "--no-such-option"]):
        whole, alone = runner.invoke(app, args), runner.invoke(lean, args)
        assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)


@pytest.mark.parametrize("args", [[], ["--help"], ["--version"], ["rendr"], ["-h"]])
def test_without_a_command_the_whole_application_answers(args):
    assert _lean(args) is None


@pytest.mark.parametrize("args", [[], ["--help"], ["-h"]])
def test_the_list_of_commands_is_the_same_without_their_parameters(args):
    """``kvk --help`` shows every command's name and help, none of their parameters: an
    outline of the application (kvk.cli._outline) answers as the whole one does."""
    from kvk.cli import _outline

    runner = CliRunner()
    outline = _outline(args)
    assert outline is not None and all(c.callback.__qualname__.endswith("stub") for c in outline.registered_commands)
    whole, alone = runner.invoke(app, args), runner.invoke(outline, args)
    assert (alone.exit_code, alone.output) == (whole.exit_code, whole.output)
    assert "check" in alone.output and "render-minutes" in alone.output
    # the application itself is untouched
    assert runner.invoke(app, args).output == whole.output


@pytest.mark.parametrize("args", [["--version"], ["rendr"], ["check", "--help"], ["--help", "check"]])
def test_an_outline_is_only_for_the_list_of_commands(args):
    from kvk.cli import _outline

    assert _outline(args) is None
