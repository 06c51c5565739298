"""The ``--help`` of every command in the user's language, translated where the app is built.

typer reads the ``help=`` texts and the docstrings when the module is imported, long before the
language is known; click shows them when ``--help`` or a usage error is printed. Between the
two, typer builds the click command tree, and the root group is :class:`Group`: when it is
made (every run, every ``CliRunner.invoke``) the language is chosen afresh, and every command
of the tree gets a context class that, the first time a help or a usage line is asked for,
looks every help text of the tree up in the catalogue (:mod:`kvk.i18n`;
:mod:`kvk.i18n_extract` puts them there). A command that shows no help never reads the
catalogue for it. click's own headings ("Usage:", "Options:") come through the help formatter.
"""

from __future__ import annotations

from typer.core import TyperGroup

from ..i18n import N_, _, reset

#: click's words around the help texts, in the catalogue too
HEADINGS = {"Usage": N_("Usage"), "Options": N_("Options"), "Arguments": N_("Arguments"),
            "Commands": N_("Commands")}
HELP_OPTION = N_("Show this message and exit.")


def prepare_tree(command) -> None:
    """Give ``command`` and every command below it the context that translates on demand."""
    base = command.context_class
    if not getattr(base, "kvk", False):
        command.context_class = _context_class(base)
    for sub in getattr(command, "commands", {}).values():
        prepare_tree(sub)


def translate_tree(command) -> None:
    """Every help text of ``command`` and the commands below it, in the current language
    (once: a second call finds them translated already)."""
    if getattr(command, "kvk_translated", False):
        return
    command.kvk_translated = True
    for attr in ("help", "short_help", "epilog"):
        text = getattr(command, attr, None)
        if text:
            setattr(command, attr, _(text))
    for param in getattr(command, "params", ()):
        text = getattr(param, "help", None)
        if text:
            param.help = _(text)
    for sub in getattr(command, "commands", {}).values():
        translate_tree(sub)


_CONTEXTS: dict[type, type] = {}


def _context_class(base: type) -> type:
    """A click context whose help formatter says click's own words in the user's language."""
    if base not in _CONTEXTS:
        formatter = base.formatter_class

        class Formatter(formatter):
            def write_usage(self, prog, args="", prefix=None):
                return super().write_usage(prog, args, f"{_(HEADINGS['Usage'])}: " if prefix is None else prefix)

            def section(self, name):
                return super().section(_(HEADINGS[name]) if name in HEADINGS else name)

            def write_dl(self, rows, *args, **kwargs):
                rows = [(term, _(HELP_OPTION) if text == HELP_OPTION else text) for term, text in rows]
                return super().write_dl(rows, *args, **kwargs)

        class Context(base):
            formatter_class = Formatter
            kvk = True

            def get_help(self):
                translate_tree(self.find_root().command)
                return super().get_help()

            def get_usage(self):
                translate_tree(self.find_root().command)
                return super().get_usage()

        _CONTEXTS[base] = Context
    return _CONTEXTS[base]


class Group(TyperGroup):
    """The root ``kvk`` group: made last, when every command below it is made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reset()  # each command chooses its language (KVK_LANG, kvk.yaml, LANG) as it starts
        prepare_tree(self)
