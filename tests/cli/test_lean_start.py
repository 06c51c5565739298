"""The command line builds only the command it is asked for (kvk.cli._lean): every command's
help, and its answer to a wrong option, are what the whole application gives."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import typer.main
from typer.testing import CliRunner

from kvk.cli import _lean, app

from ..conftest import ROOT

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



def _kvk_process(args: list[str], after: str = "", before: str = "", env: dict | None = None) -> str:
    """``kvk ARGS`` as the console script runs it (kvk.cli.main), in this repository (its seed
    records), with ``before`` and ``after`` (Python) run in the same process; their output."""
    code = (f"import sys\n{before}\n"
            f"sys.argv = ['kvk', *{args!r}]\n"
            "from kvk.cli import main\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            f"{after}\n")
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          env={**environ, "KVK_LANG": "en", **(env or {})}, check=True).stdout


def test_version_answers_without_building_the_application():
    """``kvk --version`` prints the version before typer reads a single command."""
    import kvk

    out = _kvk_process(["--version"], before="import typer.main\n"
                                              "typer.main.get_command = None  # what builds the application",
                       after="print(sorted(m for m in ('pydantic', 'yaml', 'kvk.models') if m in sys.modules))")
    assert out.splitlines() == [f"kvk {kvk.__version__}", "[]"]


HEAVY = ("print(sorted(m for m in ('importlib.metadata', 'rich', 'rich.console', 'xml.etree.ElementTree') "
         "if m in sys.modules))")


def test_a_render_searches_no_installed_distribution_for_pydantic_plugins():
    """pydantic would import importlib.metadata and read every installed distribution's
    metadata for plugins before its first validator; the kvk process has none. Nor does a
    render import rich (typer is told not to), nor an XML parser when there is no logo to read."""
    out = _kvk_process(["render-case", "2008/1001"], env={"KVK_NO_CACHE": "1"}, after=HEAVY)
    assert "SAKSFRAMLEGG" in out and out.splitlines()[-1] == "[]"


def test_with_pydantic_disable_plugins_set_pydantic_decides():
    out = _kvk_process(["render-case", "2008/1001"], env={"KVK_NO_CACHE": "1", "PYDANTIC_DISABLE_PLUGINS": "__all__"},
                       after="print(sys.modules['pydantic.plugin._loader'].__file__.endswith('_loader.py'))")
    assert out.splitlines()[-1] == "True"


def test_a_program_that_imports_kvk_keeps_its_pydantic_plugins():
    """Only the kvk process goes without: importing kvk (the library, or its command line)
    leaves pydantic's plugin search as it is."""
    code = ("import sys, kvk.cli, kvk.models.config, kvk.repository\n"
            "from pydantic import BaseModel\n"
            "class M(BaseModel):\n    x: int\n"
            "print(M(x=1).x, hasattr(sys.modules['pydantic.plugin._loader'], '__file__'))")
    environ = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ, check=True)
    assert out.stdout.strip() == "1 True"


def test_start_up_leaves_the_cycle_collector_resting():
    """The command line, the models, their schemas and the templates are long-lived objects
    and no garbage: a render walks them with the cycle collector hardly at all (with Python's
    thresholds, some 80 collections), and the ending block hands them over without one."""
    out = _kvk_process(["render-minutes", "2009-10-30-styringsgruppa"], env={"KVK_NO_CACHE": "1"},
                       before="import gc\ncollections = []\n"
                              "gc.callbacks.append(lambda phase, info: phase == 'stop' and collections.append(info))",
                       after="print(len(collections), max((c['collected'] for c in collections), default=0))")
    count, _ = map(int, out.splitlines()[-1].split())
    assert "Vår ref: ANWO 2008/628" in out
    assert count <= 12  # Python's own start-up makes a few
