"""The comments in the files kvk writes, in the repository's målform (issue 14, point 5): kvk init
in the målform it is given (else the environment's language), new-case and new-meeting in the
målform of kvk.yaml whatever the user's locale, English when KVK_LANG asks for it; the files
check clean in every language, and uncommenting the organisation's example still gives a valid
file."""

import json

import pytest

from kvk.cli import app

from ..authoring_fixtures import case_args, small_repo


@pytest.fixture
def locale(monkeypatch, tmp_path):
    """A user without KVK_LANG, in the given locale (the suite otherwise speaks English),
    standing outside any repository."""
    def use(lang: str):
        monkeypatch.chdir(tmp_path)
        monkeypatch.delenv("KVK_REPO", raising=False)
        monkeypatch.delenv("KVK_LANG", raising=False)
        monkeypatch.delenv("LC_ALL", raising=False)
        monkeypatch.delenv("LC_MESSAGES", raising=False)
        monkeypatch.setenv("LANG", lang)
    return use


KVK_YAML = {
    "nb": ["# yaml-language-server: $schema=schemas/kvk.schema.json",
           "# Innstillingene for repoet med postene. 'kvk check' validerer alt under data/.",
           "organisasjon: Bjugn kommune     # navnet i brevhodet",
           "maalform: {form}                    # nb (bokmål) eller nn (nynorsk): standard for dokumentene",
           "innstilling_plassering: slutt   # hvor et saksframlegg skriver ut innstillingen: topp, slutt eller begge"],
    "nn": ["# yaml-language-server: $schema=schemas/kvk.schema.json",
           "# Innstillingane for repoet med postane. 'kvk check' validerer alt under data/.",
           "organisasjon: Bjugn kommune     # namnet i brevhovudet",
           "maalform: {form}                    # nb (bokmål) eller nn (nynorsk): standard for dokumenta",
           "innstilling_plassering: slutt   # kvar eit saksframlegg skriv ut innstillinga: topp, slutt eller begge"],
    "en": ["# yaml-language-server: $schema=schemas/kvk.schema.json",
           "# The records repository's settings. 'kvk check' validates everything under data/.",
           "organisasjon: Bjugn kommune     # the name on letterheads",
           "maalform: {form}                    # nb (bokmål) or nn (nynorsk): the default for documents",
           "innstilling_plassering: slutt   # where a saksframlegg prints the innstilling: topp, slutt or begge"],
}
KEEP = {"nb": "# holder denne mappen i git til den får sin første post\n",
        "nn": "# held denne mappa i git til ho får den første posten sin\n",
        "en": "# keeps this folder in git until it holds its first record\n"}


def _init(runner, target, *options):
    result = runner.invoke(app, ["init", str(target), "--organisasjon", "Bjugn kommune", "--no-input", "--no-git",
                                 *options])
    assert result.exit_code == 0, result.output
    return target


@pytest.mark.parametrize("form", ["nb", "nn"])
def test_init_writes_its_comments_in_the_maalform_it_is_given(runner, tmp_path, locale, form):
    locale("en_US.UTF-8")
    target = _init(runner, tmp_path / "r", "--maalform", form)
    assert (target / "kvk.yaml").read_text(encoding="utf-8").splitlines() == \
        [line.replace("{form}", form) for line in KVK_YAML[form]]
    assert (target / "data/saker/.gitkeep").read_text(encoding="utf-8") == KEEP[form]
    readme = (target / "templates/README.md").read_text(encoding="utf-8")
    assert readme.startswith({"nb": "# Maler\n", "nn": "# Malar\n"}[form])
    precommit = (target / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert precommit.splitlines()[0] == {
        "nb": "# pre-commit-kroker (https://pre-commit.com): kjør 'pre-commit install' én gang per klone.",
        "nn": "# pre-commit-krokar (https://pre-commit.com): køyr 'pre-commit install' éin gong per klone."}[form]
    assert "entry: kvk check --changed HEAD" in precommit  # what runs is never translated
    check = runner.invoke(app, ["check", "--repo", str(target)])
    assert check.exit_code == 0, check.output


def test_init_without_a_maalform_writes_in_the_environments_language(runner, tmp_path, locale):
    locale("nn_NO.UTF-8")
    target = _init(runner, tmp_path / "r")
    assert (target / "kvk.yaml").read_text(encoding="utf-8").splitlines() == \
        [line.replace("{form}", "nb") for line in KVK_YAML["nn"]]  # the målform of documents is still nb


def test_kvk_lang_asks_for_english_comments(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "en")
    target = _init(runner, tmp_path / "r", "--maalform", "nn", "--ci", "github")
    assert (target / "kvk.yaml").read_text(encoding="utf-8").splitlines() == \
        [line.replace("{form}", "nn") for line in KVK_YAML["en"]]
    assert (target / "data/moter/.gitkeep").read_text(encoding="utf-8") == KEEP["en"]


def test_the_workflow_says_its_comments_in_nynorsk_and_runs_the_same_steps(runner, tmp_path, locale):
    import yaml

    from kvk.authoring.ci_files import github_workflow

    locale("en_US.UTF-8")
    target = _init(runner, tmp_path / "r", "--maalform", "nn", "--ci", "github")
    text = (target / ".github/workflows/kvk.yml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# Kontrollerer postane ved kvar pull request og på main (sjå docs/ci.md i kvk)."
    assert "# kvk samanliknar med main-greina: han treng historikken, ikkje berre siste commit" in text
    assert yaml.safe_load(text) == yaml.safe_load(github_workflow())


@pytest.mark.parametrize("form", ["nb", "nn"])
def test_the_organisation_example_uncommented_is_valid_in_each_maalform(runner, tmp_path, locale, form):
    locale("en_US.UTF-8")
    target = _init(runner, tmp_path / "r", "--maalform", form)
    org = target / "data/organisasjon.yaml"
    lines = org.read_text(encoding="utf-8").splitlines()
    assert lines[1] == {"nb": "# Personer og utvalgene de sitter i. Hver id er en kort slug: små bokstaver, sifre",
                        "nn": "# Personar og utvala dei sit i. Kvar id er ein kort slug: små bokstavar, siffer"}[form]
    assert {"nb": "#     tittel: Rådmann              # stilling, skrives under signaturer",
            "nn": "#     tittel: Rådmann              # stilling, blir skriven under signaturar"}[form] in lines
    body = [line[2:] for line in lines if line.startswith("# ") and line[2:3] in ("p", "u", " ") and ":" in line]
    org.write_text("\n".join(body) + "\n", encoding="utf-8")
    check = runner.invoke(app, ["check", "--repo", str(target)])
    assert check.exit_code == 0, check.output + org.read_text(encoding="utf-8")
    listed = runner.invoke(app, ["list", "people", "--repo", str(target), "--format", "json"])
    assert [p["id"] for p in json.loads(listed.stdout)] == ["kari-nordmann", "ola-hansen"]


CASE_LINES = {
    "nb": ["saksnr: 2009/1                  # gitt av kvk new-case; endres med kvk renumber-case",
           "saksgang:                       # utvalgene som behandler saken, i rekkefølge",
           "# seksjoner: én per overskrift; type er bakgrunn, saksopplysninger, vurdering,",
           "#       Tekst i Markdown.",
           "  tekst: \"\"                     # forslaget til vedtak"],
    "nn": ["saksnr: 2009/1                  # gjeve av kvk new-case; blir endra med kvk renumber-case",
           "saksgang:                       # utvala som handsamar saka, i rekkjefølgje",
           "# seksjoner: éin per overskrift; type er bakgrunn, saksopplysninger, vurdering,",
           "#       Tekst i Markdown.",
           "  tekst: \"\"                     # framlegget til vedtak"],
}
MEETING_LINES = {
    "nb": ["dokumenttype: innkalling        # innkalling; referat eller moeteprotokoll etter møtet",
           "deltakere:                      # oppmoete: moett, forfall, ikke_moett eller permisjon",
           "saker:                          # sakskartet: hver sak der saksgangen nevner dette møtet"],
    "nn": ["dokumenttype: innkalling        # innkalling; referat eller moeteprotokoll etter møtet",
           "deltakere:                      # oppmoete: moett, forfall, ikke_moett eller permisjon",
           "saker:                          # sakskartet: kvar sak der saksgangen nemner dette møtet"],
}


@pytest.mark.parametrize("form", ["nb", "nn"])
def test_new_case_and_new_meeting_write_in_the_repositorys_maalform_whatever_the_locale(runner, tmp_path, locale,
                                                                                       form):
    locale("en_US.UTF-8")  # the user's own language is English; the repository's files are not
    repo = small_repo(tmp_path, {"kvk.yaml": f"organisasjon: Testkommune\nmaalform: {form}\n"})
    made = runner.invoke(app, case_args(repo))
    assert made.exit_code == 0, made.output
    case = (repo / made.stdout.strip()).read_text(encoding="utf-8").splitlines()
    for line in CASE_LINES[form]:
        assert line in case
    meeting = runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                                  "--dato", "2009-11-20", "--no-input"])
    assert meeting.exit_code == 0, meeting.output
    text = (repo / meeting.stdout.strip()).read_text(encoding="utf-8").splitlines()
    for line in MEETING_LINES[form]:
        assert line in text
    check = runner.invoke(app, ["check", "--repo", str(repo)])
    assert check.exit_code == 0, check.output


def test_new_case_in_english_when_kvk_lang_asks(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "en")
    repo = small_repo(tmp_path, {"kvk.yaml": "organisasjon: Testkommune\nmaalform: nn\n"})
    made = runner.invoke(app, case_args(repo))
    case = (repo / made.stdout.strip()).read_text(encoding="utf-8").splitlines()
    assert "saksnr: 2009/1                  # given by kvk new-case; change with kvk renumber-case" in case
