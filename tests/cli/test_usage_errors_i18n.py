"""click's own words in bokmål and nynorsk (issue 14, point 5): a usage error that typer's copy
of click writes ("Usage:", "Try 'kvk -h' for help.", "Error: Missing argument 'OLD'.") comes from
kvk's catalogues, and a message no template fits is left as click wrote it."""

import pytest

from kvk.cli import app
from kvk.cli.translate import USAGE_MESSAGES, usage_message

HEAD = {"nb": ("Bruk: {usage}", "Prøv '{command} -h' for å få hjelp."),
        "nn": ("Bruk: {usage}", "Prøv '{command} -h' for å få hjelp."),
        "en": ("Usage: {usage}", "Try '{command} -h' for help.")}


def _shown(usage: str | None, errors: dict[str, list[str]]) -> dict[str, list[str]]:
    """The lines on standard error: the usage line and where help is (when click gives them),
    then the error."""
    if usage is None:
        return errors
    command = usage.split(" [")[0].split(" {")[0]
    return {lang: [HEAD[lang][0].format(usage=usage), HEAD[lang][1].format(command=command), "", *lines]
            for lang, lines in errors.items()}


# (arguments, {language: the lines on standard error}); every kind of usage error kvk users meet
CASES = {
    "missing argument": (["renumber-case"], _shown("kvk renumber-case [OPTIONS] {OLD} {NEW}", {
        "nb": ["Feil: Mangler argumentet 'OLD'."],
        "nn": ["Feil: Manglar argumentet 'OLD'."],
        "en": ["Error: Missing argument 'OLD'."]})),
    "missing choice": (["list"], _shown("kvk list [OPTIONS] {KIND}", {
        "nb": ["Feil: Mangler argumentet 'KIND'. Velg blant:", "\tcases,", "\tmeetings,", "\tpeople,", "\tbodies"],
        "nn": ["Feil: Manglar argumentet 'KIND'. Vel mellom:", "\tcases,", "\tmeetings,", "\tpeople,", "\tbodies"],
        "en": ["Error: Missing argument 'KIND'. Choose from:", "\tcases,", "\tmeetings,", "\tpeople,",
               "\tbodies"]})),
    "no such option": (["new-case", "--tittle", "x"], _shown("kvk new-case [OPTIONS]", {
        "nb": ["Feil: Ukjent valg: --tittle (mulige valg: --tittel)"],
        "nn": ["Feil: Ukjend val: --tittle (moglege val: --tittel)"],
        "en": ["Error: No such option: --tittle (Possible options: --tittel)"]})),
    "invalid choice": (["check", "--format", "xml"], _shown("kvk check [OPTIONS] [REF] [PATHS]...", {
        "nb": ["Feil: Ugyldig verdi for '--format' / '-f': 'xml' er ikke en av 'text', 'json', 'github'."],
        "nn": ["Feil: Ugyldig verdi for '--format' / '-f': 'xml' er ikkje ein av 'text', 'json', 'github'."],
        "en": ["Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'github'."]})),
    "not a number": (["list", "cases", "--limit", "x"], _shown("kvk list [OPTIONS] {KIND}", {
        "nb": ["Feil: Ugyldig verdi for '--limit' / '-n': 'x' er ikke et gyldig heltall."],
        "nn": ["Feil: Ugyldig verdi for '--limit' / '-n': 'x' er ikkje eit gyldig heiltal."],
        "en": ["Error: Invalid value for '--limit' / '-n': 'x' is not a valid int range."]})),
    "no such command": (["recovr"], _shown("kvk [OPTIONS] COMMAND [ARGS]...", {
        "nb": ["Feil: Ukjent kommando 'recovr'. Mente du 'recover'?"],
        "nn": ["Feil: Ukjend kommando 'recovr'. Meinte du 'recover'?"],
        "en": ["Error: No such command 'recovr'. Did you mean 'recover'?"]})),
    "missing value": (["new-meeting", "--utvalg"], _shown(None, {  # click gives no usage line here
        "nb": ["Feil: Valget '--utvalg' krever en verdi."],
        "nn": ["Feil: Valet '--utvalg' krev ein verdi."],
        "en": ["Error: Option '--utvalg' requires an argument."]})),
    "extra argument": (["recover", "now"], _shown("kvk recover [OPTIONS]", {
        "nb": ["Feil: Fikk uventede ekstra argumenter (now)"],
        "nn": ["Feil: Fekk uventa ekstra argument (now)"],
        "en": ["Error: Got unexpected extra argument(s) (now)"]})),
}


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
@pytest.mark.parametrize("kind", list(CASES))
def test_a_usage_error_in_each_language(runner, monkeypatch, tmp_path, kind, lang):
    args, lines = CASES[kind]
    monkeypatch.setenv("KVK_LANG", lang)
    monkeypatch.chdir(tmp_path)  # no repository: the usage error comes before any is looked for
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == lines[lang]


def test_the_heading_of_a_section_and_a_required_mark_in_nynorsk(runner, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nn")
    text = runner.invoke(app, ["renumber-case", "--help"]).stdout
    assert text.startswith("Bruk: kvk renumber-case [OPTIONS] {OLD} {NEW}\n")
    assert "Argument:\n" in text and "Val:\n" in text and "[påkravd]" in text
    assert "Usage" not in text and "Options" not in text and "required" not in text


def test_a_message_no_template_fits_is_left_as_click_wrote_it(monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nb")
    assert usage_message("Something typer says that kvk has not met.") == \
        "Something typer says that kvk has not met."
    assert usage_message("Invalid value for 'X': a new message.") == "Ugyldig verdi for 'X': a new message."


@pytest.mark.parametrize("template", USAGE_MESSAGES)
def test_every_template_says_its_own_english_again_in_english(template):
    """The English catalogue is the identity: a message matched against a template and said
    again in English is the message (each field once, so the pieces come back in place)."""
    import re

    fields = {name: f"<{name}>" for name in re.findall(r"\{([a-z_]+)\}", template)}
    message = template.format(**fields)
    assert usage_message(message) == message
