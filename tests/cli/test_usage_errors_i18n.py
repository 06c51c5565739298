"""click's own words in bokmål and nynorsk (issue 14, point 5): a usage error that typer's copy
of click writes ("Usage:", "Try 'kvk -h' for help.", "Error: Missing argument 'OLD'.") comes from
kvk's catalogues, and a message no template fits is left as click wrote it."""

import pytest

from kvk.cli import app
from kvk.cli.translate import USAGE_MESSAGES, usage_message

# (arguments, {language: the lines on standard error}); every kind of usage error kvk users meet
CASES = {
    "missing argument": (["renumber-case"], {
        "nb": ["Bruk: kvk renumber-case [OPTIONS] {OLD} {NEW}", "Prøv 'kvk renumber-case -h' for å få hjelp.", "",
               "Feil: Mangler argumentet 'OLD'."],
        "nn": ["Bruk: kvk renumber-case [OPTIONS] {OLD} {NEW}", "Prøv 'kvk renumber-case -h' for å få hjelp.", "",
               "Feil: Manglar argumentet 'OLD'."],
        "en": ["Usage: kvk renumber-case [OPTIONS] {OLD} {NEW}", "Try 'kvk renumber-case -h' for help.", "",
               "Error: Missing argument 'OLD'."]}),
    "missing choice": (["list"], {
        "nb": ["Bruk: kvk list [OPTIONS] {KIND}", "Prøv 'kvk list -h' for å få hjelp.", "",
               "Feil: Mangler argumentet 'KIND'. Velg blant:", "\tcases,", "\tmeetings,", "\tpeople,", "\tbodies"],
        "nn": ["Bruk: kvk list [OPTIONS] {KIND}", "Prøv 'kvk list -h' for å få hjelp.", "",
               "Feil: Manglar argumentet 'KIND'. Vel mellom:", "\tcases,", "\tmeetings,", "\tpeople,", "\tbodies"],
        "en": ["Usage: kvk list [OPTIONS] {KIND}", "Try 'kvk list -h' for help.", "",
               "Error: Missing argument 'KIND'. Choose from:", "\tcases,", "\tmeetings,", "\tpeople,", "\tbodies"]}),
    "no such option": (["new-case", "--tittle", "x"], {
        "nb": ["Bruk: kvk new-case [OPTIONS]", "Prøv 'kvk new-case -h' for å få hjelp.", "",
               "Feil: Ukjent valg: --tittle (mulige valg: --tittel)"],
        "nn": ["Bruk: kvk new-case [OPTIONS]", "Prøv 'kvk new-case -h' for å få hjelp.", "",
               "Feil: Ukjend val: --tittle (moglege val: --tittel)"],
        "en": ["Usage: kvk new-case [OPTIONS]", "Try 'kvk new-case -h' for help.", "",
               "Error: No such option: --tittle (Possible options: --tittel)"]}),
    "invalid choice": (["check", "--format", "xml"], {
        "nb": ["Bruk: kvk check [OPTIONS] [REF] [PATHS]...", "Prøv 'kvk check -h' for å få hjelp.", "",
               "Feil: Ugyldig verdi for '--format' / '-f': 'xml' er ikke en av 'text', 'json', 'github'."],
        "nn": ["Bruk: kvk check [OPTIONS] [REF] [PATHS]...", "Prøv 'kvk check -h' for å få hjelp.", "",
               "Feil: Ugyldig verdi for '--format' / '-f': 'xml' er ikkje ein av 'text', 'json', 'github'."],
        "en": ["Usage: kvk check [OPTIONS] [REF] [PATHS]...", "Try 'kvk check -h' for help.", "",
               "Error: Invalid value for '--format' / '-f': 'xml' is not one of 'text', 'json', 'github'."]}),
    "not a number": (["list", "cases", "--limit", "x"], {
        "nb": ["Bruk: kvk list [OPTIONS] {KIND}", "Prøv 'kvk list -h' for å få hjelp.", "",
               "Feil: Ugyldig verdi for '--limit' / '-n': 'x' er ikke et gyldig heltall."],
        "nn": ["Bruk: kvk list [OPTIONS] {KIND}", "Prøv 'kvk list -h' for å få hjelp.", "",
               "Feil: Ugyldig verdi for '--limit' / '-n': 'x' er ikkje eit gyldig heiltal."],
        "en": ["Usage: kvk list [OPTIONS] {KIND}", "Try 'kvk list -h' for help.", "",
               "Error: Invalid value for '--limit' / '-n': 'x' is not a valid int range."]}),
    "no such command": (["recovr"], {
        "nb": ["Bruk: kvk [OPTIONS] COMMAND [ARGS]...", "Prøv 'kvk -h' for å få hjelp.", "",
               "Feil: Ukjent kommando 'recovr'. Mente du 'recover'?"],
        "nn": ["Bruk: kvk [OPTIONS] COMMAND [ARGS]...", "Prøv 'kvk -h' for å få hjelp.", "",
               "Feil: Ukjend kommando 'recovr'. Meinte du 'recover'?"],
        "en": ["Usage: kvk [OPTIONS] COMMAND [ARGS]...", "Try 'kvk -h' for help.", "",
               "Error: No such command 'recovr'. Did you mean 'recover'?"]}),
    "missing value": (["new-meeting", "--utvalg"], {
        "nb": ["Feil: Valget '--utvalg' krever en verdi."],
        "nn": ["Feil: Valet '--utvalg' krev ein verdi."],
        "en": ["Error: Option '--utvalg' requires an argument."]}),
    "extra argument": (["recover", "now"], {
        "nb": ["Bruk: kvk recover [OPTIONS]", "Prøv 'kvk recover -h' for å få hjelp.", "",
               "Feil: Fikk uventede ekstra argumenter (now)"],
        "nn": ["Bruk: kvk recover [OPTIONS]", "Prøv 'kvk recover -h' for å få hjelp.", "",
               "Feil: Fekk uventa ekstra argument (now)"],
        "en": ["Usage: kvk recover [OPTIONS]", "Try 'kvk recover -h' for help.", "",
               "Error: Got unexpected extra argument(s) (now)"]}),
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
