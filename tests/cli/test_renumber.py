import difflib

from kvk.cli import app

from ..authoring_fixtures import case_args, small_repo, tree_bytes

INDICATORS = "data/indikatorer/kvalitetskommuneprogrammet.yaml"
SEED_CASE = "data/saker/2008/2008-1001.yaml"


def _diff(before: bytes, after: bytes) -> list[str]:
    return [line for line in difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(),
                                                  lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_renumber_moves_file_and_follows_claims(runner, seed_repo):
    before = tree_bytes(seed_repo)
    result = runner.invoke(app, ["renumber-case", "--repo", str(seed_repo), "2008/1001", "2008/628"])
    assert result.exit_code == 0, result.output
    after = tree_bytes(seed_repo)
    assert SEED_CASE not in after
    assert _diff(before[SEED_CASE], after["data/saker/2008/2008-0628.yaml"]) == [
        "-saksnr: 2008/1001", "+saksnr: 2008/628"]
    assert _diff(before[INDICATORS], after[INDICATORS]) == ["-    sak: 2008/1001", "+    sak: 2008/628"]
    assert {p for p in after if before.get(p) != after[p]} == {"data/saker/2008/2008-0628.yaml", INDICATORS}
    assert result.stderr.splitlines() == [
        f"2008/1001 -> 2008/628: moved {SEED_CASE} to data/saker/2008/2008-0628.yaml",
        f"  updated reference at {INDICATORS}:93",
    ]
    check = runner.invoke(app, ["check", "--repo", str(seed_repo)])
    assert check.exit_code == 0, check.output


def test_meeting_references_and_arkivsak_follow(runner, tmp_path):
    repo = small_repo(tmp_path)
    assert runner.invoke(app, case_args(repo, tittel="Budsjett")).exit_code == 0
    assert runner.invoke(app, ["new-meeting", "--repo", str(repo), "--utvalg", "formannskapet",
                               "--dato", "2009-11-20"]).exit_code == 0
    meeting = repo / "data/moter/2009/2009-11-20-formannskapet.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8").replace(
        "arkivsak:                       #", "arkivsak: 2009/1                #"), encoding="utf-8")
    before = meeting.read_bytes()
    result = runner.invoke(app, ["renumber-case", "--repo", str(repo), "2009/1", "2009/7"])
    assert result.exit_code == 0, result.output
    assert _diff(before, meeting.read_bytes()) == [
        "-arkivsak: 2009/1                # the saksnr the minutes are filed in",
        "+arkivsak: 2009/7                # the saksnr the minutes are filed in",
        "-    sak: 2009/1",
        "+    sak: 2009/7",
    ]
    assert (repo / "data/saker/2009/2009-0007-budsjett.yaml").exists()
    assert runner.invoke(app, ["check", "--repo", str(repo)]).exit_code == 0


def test_refusals_write_nothing(runner, seed_repo):
    (seed_repo / "data/saker/2008/2008-0005.yaml").write_text(
        "saksnr: 2008/5\ntittel: Annen\nsaksbehandler: tor-langvold\n", encoding="utf-8")
    before = tree_bytes(seed_repo)
    cases = [
        (["2008/1001", "2008/5"], "kvk: 2008/5 is already used by data/saker/2008/2008-0005.yaml"),
        (["2008/9999", "2008/6"], "kvk: no case 2008/9999 in this repository"),
        (["2008/1001", "2008/1001"], "kvk: the case already has saksnr 2008/1001"),
        (["2008/1001", "08/6"], "kvk: NEW: '08/6': write the year with four digits, e.g. 2008/6"),
        (["data/saker/2008/nope.yaml", "2008/6"], "kvk: data/saker/2008/nope.yaml: not a case file in this repository"),
    ]
    for args, message in cases:
        result = runner.invoke(app, ["renumber-case", "--repo", str(seed_repo), *args])
        assert result.exit_code == 2, args
        assert result.stderr.strip() == message
    assert tree_bytes(seed_repo) == before
