import subprocess
import sys

import pytest
import typer.main

from kvk.cli import app

COMMANDS = typer.main.get_command(app).commands


@pytest.mark.parametrize("name", ["init", "new-case", "new-meeting", "renumber-case", "schema", "list",
                                  "show", "actions"])
def test_authoring_commands_have_help_with_an_example(runner, name):
    assert name in COMMANDS
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in COMMANDS[name].help


def test_help_does_not_import_heavy_libraries():
    code = ("import sys, kvk.cli; heavy = [m for m in ('pydantic', 'yaml', 'jinja2', 'rich.table') "
            "if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
