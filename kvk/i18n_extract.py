"""Babel's extraction method for kvk's source (pyproject.toml, ``[tool.babel]``).

Babel's own Python extractor finds the marked calls (``_``, ``N_``, ``ngettext``, ``pgettext``
and the option helpers that take a help text first, listed in pyproject.toml). Two kinds of text
are not calls: the ``help=`` of typer's options, arguments and groups, and the docstrings of the
commands, which typer makes their ``--help``. This adds them, each as typer hands it to click
(``inspect.cleandoc``), so that :func:`kvk.cli.translate.translate_tree` finds it when the
command line is built. Run by ``pybabel extract``; imports nothing of kvk.
"""

from __future__ import annotations

import ast
import inspect
from typing import IO, Any, Iterator


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple]:
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    yield from help_texts(fileobj.read().decode(options.get("encoding", "utf-8")))


def help_texts(source: str) -> Iterator[tuple[int, str, str, list[str]]]:
    """(line, funcname, message, comments) (funcname N_: a plain text, as Babel counts) for every literal ``help=`` keyword and every
    docstring of a function decorated as a command (``@app.command()``, ``@app.callback()``)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            for keyword in node.keywords:
                if keyword.arg == "help" and isinstance(keyword.value, ast.Constant) \
                        and isinstance(keyword.value.value, str) and keyword.value.value.strip():
                    yield keyword.value.lineno, "N_", inspect.cleandoc(keyword.value.value), []
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and _is_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield node.body[0].lineno, "N_", doc, ["the --help of a command"]


def _is_command(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr in ("command", "callback"):
            return True
    return False
