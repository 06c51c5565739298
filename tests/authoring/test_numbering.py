from kvk.authoring.numbering import next_saksnr, next_utvalgssaksnr_number, slug
from kvk.cli import app
from kvk.layout import is_case_path as case_path_matches


def test_slug():
    assert slug("Søknad om deltakelse i Kvalitetskommuneprosjektet") == "soknad-om-deltakelse-i"
    assert slug("Økonomi 2010: budsjett – første runde") == "okonomi-2010-budsjett-forste-runde"
    assert slug("Ærlig talt, Åfjord!") == "aerlig-talt-afjord"
    assert slug("«»") == ""


def test_next_saksnr_ignores_other_years_and_strays(tmp_path):
    folder = tmp_path / "data/saker/2009"
    folder.mkdir(parents=True)
    for name in ("2009-0016.yaml", "2009-0009-x.yaml", "2008-0099.yaml", "notes.txt", "2009-00x.yaml"):
        (folder / name).write_text("", encoding="utf-8")
    assert next_saksnr(tmp_path, 2009) == "2009/17"
    assert next_saksnr(tmp_path, 2010) == "2010/1"


def test_next_utvalgssaksnr():
    assert next_utvalgssaksnr_number(["44/08", "PS 45/08", "3/09", "Eventuelt", "1"], 2008) == 46
    assert next_utvalgssaksnr_number(["44/2008"], 2008) == 45
    assert next_utvalgssaksnr_number([], 2009) == 1


def test_case_file_names():
    assert case_path_matches("2009/17", "data/saker/2009/2009-0017.yaml")
    assert case_path_matches("2009/17", "data/saker/2009/2009-0017-budsjett-2010.yaml")
    assert not case_path_matches("2009/17", "data/saker/2009/2009-0018-budsjett.yaml")
    assert not case_path_matches("2009/17", "data/saker/2008/2009-0017.yaml")
    assert not case_path_matches("2009/17", "data/saker/2009/2009-017.yaml")
    assert case_path_matches("2009/12345", "data/saker/2009/2009-12345-x.yaml")


def test_check_still_reports_a_misnamed_case(runner, seed_repo):
    (seed_repo / "data/saker/2008/2008-1001.yaml").rename(seed_repo / "data/saker/2008/2008-1002-soknad.yaml")
    result = runner.invoke(app, ["check", "--repo", str(seed_repo)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "data/saker/2008/2008-1002-soknad.yaml:5:9: error KVK204 2008/1001 belongs in "
        "data/saker/2008/2008-1001.yaml, not data/saker/2008/2008-1002-soknad.yaml "
        "(hint: git mv data/saker/2008/2008-1002-soknad.yaml data/saker/2008/2008-1001.yaml)"]


def test_partial_check_finds_a_slugged_case_on_the_agenda(runner, tmp_path):
    from ..authoring_fixtures import case_args, small_repo

    repo = small_repo(tmp_path)
    assert runner.invoke(app, case_args(repo, tittel="Budsjett")).exit_code == 0
    assert runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    result = runner.invoke(app, ["check", "--repo", str(repo), str(repo / "data/moter")])
    assert result.exit_code == 0, result.stdout  # no KVK205: the case file was found by its slugged name
