"""The CLI documents itself: every command's --help teaches by example, and --help is cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer.main

from kvk.cli import app


def _commands(group, prefix: tuple[str, ...] = ()) -> list:
    """(name path, command) for every command, sub-commands of groups included."""
    found = []
    for name, command in sorted(group.commands.items()):
        found.append((prefix + (name,), command))
        if hasattr(command, "commands"):  # typer vendors click now: duck-type the group
            found.extend(_commands(command, prefix + (name,)))
    return found


COMMANDS = _commands(typer.main.get_command(app))


def test_there_are_commands():
    assert ("check",) in [path for path, _ in COMMANDS]


@pytest.mark.parametrize("path,command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(path, command, runner):
    assert command.help and "Example" in command.help, f"kvk {' '.join(path)}: docstring needs an 'Example:' block"
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example" in result.stdout
    assert f"kvk {' '.join(path)}" in result.stdout.split("Example", 1)[1]


def test_kvk_help_exits_0(runner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "check" in result.stdout and "Exit codes" in result.stdout




def test_help_does_not_import_the_heavy_libraries():
    # what keeps 'kvk --help' fast: pydantic, yaml and jinja2 load only inside commands
    code = ("import sys; from kvk.cli import app; "
            "print(sorted(m for m in ('pydantic', 'yaml', 'jinja2', 'kvk.models', 'kvk.io.yaml') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_console_script_help_exits_0():
    result = subprocess.run([sys.executable, "-c", "import sys; sys.argv = ['kvk', '--help']; "
                                                   "from kvk.cli import main; main()"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Usage: kvk" in result.stdout
