import pytest

from kvk.diagnostics import KvkError
from kvk.io.git import EMPTY_TREE, FileChange, Git

from ..gitrepos import commit_all, edit, git, git_env, records  # noqa: F401


def test_not_a_git_repository(tmp_path, git_env):
    with pytest.raises(KvkError, match=r"is not in a git repository"):
        Git.open(tmp_path)


def test_unknown_ref_is_one_line(records):
    with pytest.raises(KvkError) as err:
        Git.open(records).resolve("no-such-branch")
    assert str(err.value) == ("unknown revision 'no-such-branch': not a branch, tag or commit in this "
                              "repository (try 'git branch -a' or 'git log --oneline')")


def test_ref_cannot_smuggle_an_option(records):
    with pytest.raises(KvkError, match="unknown revision '--output=x'"):
        Git.open(records).resolve("--output=x")


def test_default_base_is_the_merge_base_with_main(records):
    g = Git.open(records)
    main = git(records, "rev-parse", "main").strip()
    edit(records, "data/saker/2009/2009-0017.yaml", "Sak nummer 17", "Sak nr. 17")
    commit_all(records, "retitle")
    git(records, "switch", "-q", "main")
    edit(records, "data/saker/2009/2009-0018.yaml", "Sak nummer 18", "Sak nr. 18")
    commit_all(records, "main moves on")
    git(records, "switch", "-q", "edit")
    sha, label = g.default_base()
    assert sha == main and label == f"the merge base with main ({main[:7]})"
    # main's own later change is not this branch's change
    assert [c.new for c in g.changes(sha)] == ["data/saker/2009/2009-0017.yaml"]


def test_changes_include_committed_staged_unstaged_and_untracked(records):
    g = Git.open(records)
    base = g.resolve("main")
    edit(records, "data/saker/2009/2009-0017.yaml", "Sak nummer 17", "Sak nr. 17")
    commit_all(records, "committed")
    edit(records, "data/saker/2009/2009-0018.yaml", "Sak nummer 18", "Sak nr. 18")
    git(records, "add", "data/saker/2009/2009-0018.yaml")  # staged
    edit(records, "data/saker/2009/2009-0030.yaml", "Sak nummer 30", "Sak nr. 30")  # unstaged
    (records / "data/saker/2009/2009-0031.yaml").write_text("saksnr: 2009/31\n")  # untracked
    (records / "data/moter/2009/2009-11-12-formannskapet.yaml").unlink()
    assert sorted(g.changes(base), key=lambda c: c.old or c.new) == [
        FileChange("D", "data/moter/2009/2009-11-12-formannskapet.yaml", None),
        FileChange("M", "data/saker/2009/2009-0017.yaml", "data/saker/2009/2009-0017.yaml"),
        FileChange("M", "data/saker/2009/2009-0018.yaml", "data/saker/2009/2009-0018.yaml"),
        FileChange("M", "data/saker/2009/2009-0030.yaml", "data/saker/2009/2009-0030.yaml"),
        FileChange("A", None, "data/saker/2009/2009-0031.yaml"),
    ]


def test_renames_are_detected(records):
    g = Git.open(records)
    git(records, "mv", "data/saker/2009/2009-0030.yaml", "data/saker/2009/2009-0031.yaml")
    edit(records, "data/saker/2009/2009-0031.yaml", "2009/30", "2009/31")
    [change] = g.changes(g.resolve("main"))
    assert (change.status, change.old, change.new) == (
        "R", "data/saker/2009/2009-0030.yaml", "data/saker/2009/2009-0031.yaml")


def test_paths_are_relative_to_the_records_root_below_the_git_top(tmp_path, git_env):
    root = tmp_path / "kommune" / "arkiv"
    root.mkdir(parents=True)
    (root / "kvk.yaml").write_text("organisasjon: X\n")
    git(tmp_path / "kommune", "init", "-q")
    commit_all(tmp_path / "kommune", "init")
    (root / "data").mkdir()
    (root / "data/organisasjon.yaml").write_text("personer: []\n")
    g = Git.open(root)
    assert g.changes(g.resolve("HEAD")) == [FileChange("A", None, "data/organisasjon.yaml")]
    assert g.show("HEAD", "kvk.yaml") == b"organisasjon: X\n"
    assert g.show("HEAD", "data/organisasjon.yaml") is None


def test_show_and_grep(records):
    g = Git.open(records)
    assert g.show("main", "data/saker/2009/2009-0017.yaml").startswith(b"saksnr: 2009/17\n")
    assert g.show_many("main", ["data/saker/2009/2009-0017.yaml", "data/nope.yaml", "data"]) == {
        "data/saker/2009/2009-0017.yaml": g.show("main", "data/saker/2009/2009-0017.yaml"),
        "data/nope.yaml": None, "data": None}
    (records / "data/saker/2009/2009-0040.yaml").write_text("saksnr: 2009/40\nnote: 2009/17\n")
    (records / "data/saker/2009/2009-0041.yaml").write_text("saksnr: 2009/41\nnote: 2009/171 12009/17\n")
    assert sorted(g.grep(["2009/17"], ["data"])) == [
        "data/moter/2009/2009-11-12-formannskapet.yaml",
        "data/saker/2009/2009-0017.yaml",
        "data/saker/2009/2009-0040.yaml",  # untracked files are searched too
    ]


def test_no_commit_yet_compares_with_the_empty_tree(tmp_path, git_env):
    (tmp_path / "kvk.yaml").write_text("organisasjon: X\n")
    git(tmp_path, "init", "-q")
    g = Git.open(tmp_path)
    assert g.default_base()[0] == EMPTY_TREE
    assert g.changes(EMPTY_TREE) == [FileChange("A", None, "kvk.yaml")]


def test_log_follows_renames(records):
    g = Git.open(records)
    git(records, "mv", "data/saker/2009/2009-0030.yaml", "data/saker/2009/2009-0031.yaml")
    edit(records, "data/saker/2009/2009-0031.yaml", "2009/30", "2009/31")
    commit_all(records, "renumber 2009/30 to 2009/31")
    log = g.log("data/saker/2009/2009-0031.yaml")
    assert [(c.subject, c.change.status, c.change.old, c.change.new, c.author) for c in log] == [
        ("renumber 2009/30 to 2009/31", "R", "data/saker/2009/2009-0030.yaml",
         "data/saker/2009/2009-0031.yaml", "Kari Nordmann"),
        ("Formannskapet 12.11.2009", "A", None, "data/saker/2009/2009-0030.yaml", "Kari Nordmann"),
    ]
