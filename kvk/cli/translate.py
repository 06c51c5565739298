"""The ``--help`` of every command in the user's language, translated where the app is built.

typer reads the ``help=`` texts and the docstrings when the module is imported, long before the
language is known; click shows them when ``--help`` or a usage error is printed. Between the
two, typer builds the click command tree, and the root group is :class:`Group`: when it is
made (every run, every ``CliRunner.invoke``) the language is chosen afresh, and every command
of the tree gets a context class that, the first time a help or a usage line is asked for,
looks every help text of the tree up in the catalogue (:mod:`kvk.i18n`;
:mod:`kvk.i18n_extract` puts them there). A command that shows no help never reads the
catalogue for it. click's own words ("Usage:", "Options:", "Error: Missing argument 'OLD'.")
are said at the end of this module.
"""

from __future__ import annotations

from typer.core import TyperGroup

from ..i18n import N_, _, reset

#: click's word before the usage line (typer's copy of click writes it in English)
USAGE = N_("Usage")
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
                return super().write_usage(prog, args, f"{_(USAGE)}: " if prefix is None else prefix)

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


# --- click's usage errors --------------------------------------------------------------------
#
# typer (0.2x) carries its own copy of click, whose messages are English f-strings rather than
# gettext calls, so no catalogue can be bound to them: an error is said again here instead. Its
# message is matched against the templates below (click's English with {fields}); the first
# that matches the whole message is said in the user's language, its {message} said again the
# same way. A message no template fits (a new typer) stays as click wrote it.

#: click's and typer's messages on a usage error, most particular first
USAGE_MESSAGES = (
    N_("Invalid value for {param}: {message}"),
    N_("Invalid value: {message}"),
    N_("Missing argument {param}. {message}"),
    N_("Missing argument {param}."),
    N_("Missing option {param}. {message}"),
    N_("Missing option {param}."),
    N_("Missing parameter {param}."),
    N_("Choose from:\n\t{choices}"),
    N_("No such option: {name} (Possible options: {possibilities})"),
    N_("No such option: {name}"),
    N_("{message}. Did you mean {suggestions}?"),
    N_("Got unexpected extra argument(s) ({arguments})"),
    N_("Option {name} requires an argument."),
    N_("Option {name} requires {count} arguments."),
    N_("Option {name} does not take a value."),
    N_("Argument {name} takes {count} values."),
    N_("Takes {count} values but {given} given."),
    N_("{value} is not one of {choices}."),
    N_("{value} is not a valid int."),
    N_("{value} is not a valid int range."),
    N_("{value} is not a valid float."),
    N_("{value} is not a valid float range."),
    N_("{value} is not a valid boolean. Recognized values: {values}"),
    N_("{value} is not a valid uuid."),
    N_("{value} is not in the range {range}."),
    N_("{value} does not match the formats {formats}."),
    N_("File {path} does not exist."),
    N_("Directory {path} does not exist."),
    N_("Path {path} does not exist."),
    N_("Could not open file {path}: {message}"),
)
#: the lines around the message
ERROR = N_("Error: {message}")
TRY_HELP = N_("Try '{command} {option}' for help.")
#: what typer.core says through gettext (install() hands it kvk's catalogue), as it says it
TYPER_WORDS = (N_("Aborted!"), N_("Missing command."), N_("No such command {name!r}."), N_("default: {default}"),
               N_("required"), N_("(dynamic)"), N_("env var: {var}"), N_("Arguments"), N_("Options"),
               N_("Commands"))

#: the fields that hold a message of their own, said again in turn
_NESTED = frozenset({"message"})
_PATTERNS: list = []


def _patterns() -> list:
    import re

    if not _PATTERNS:
        for template in USAGE_MESSAGES:
            parts = re.split(r"\{([a-z_]+)\}", template)
            regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)" for i, part in enumerate(parts))
            _PATTERNS.append((template, re.compile(regex + r"\Z", re.DOTALL)))
    return _PATTERNS


def usage_message(message: str) -> str:
    """One of click's messages in the user's language (as it was when no template fits it)."""
    for template, pattern in _patterns():
        found = pattern.match(message)
        if found:
            fields = {name: usage_message(value) if name in _NESTED else value
                      for name, value in found.groupdict().items()}
            return _(template).format(**fields)
    return message


def show_error(error, file=None) -> None:
    """Click's usage error (or another of its errors) as click shows it, in the user's
    language: the usage line and where help is, then the message."""
    from typer._click.exceptions import UsageError
    from typer._click.utils import echo

    ctx = getattr(error, "ctx", None) if isinstance(error, UsageError) else None
    color = ctx.color if ctx is not None else getattr(error, "show_color", None)
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = _(TRY_HELP).format(command=ctx.command_path, option=ctx.help_option_names[0]) + "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=file, err=file is None, color=color)
    echo(_(ERROR).format(message=usage_message(error.format_message())), file=file, err=file is None,
         color=color)


def install() -> None:
    """Make click's errors, and typer's words that go through gettext ("Aborted!", "Missing
    command.", "[default: …]", the headings), come from kvk's catalogues. typer's rich panels
    are never drawn (the app has ``rich_markup_mode=None``), so their titles need nothing."""
    import typer.core
    from typer._click import exceptions

    if getattr(exceptions.ClickException.show, "kvk", False):
        return
    typer.core._ = _  # the module's gettext: the process's default domain, which kvk has no catalogue in

    def show(self, file=None):
        show_error(self, file)

    show.kvk = True
    exceptions.ClickException.show = show
    exceptions.UsageError.show = show


install()
