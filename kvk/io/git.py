"""The one wrapper over the ``git`` command line: every git call kvk makes goes through here.

kvk asks git a handful of questions (what changed since a commit, what a file looked like then,
which commits touched a file, is a file tracked) and makes two changes: ``git init`` for a new
repository and ``git mv`` when a case is renumbered. The real ``git`` program is
used rather than a library: it is already on every machine that holds a records repository, it
honours the user's configuration (safe.directory, alternates, worktrees) and its rename
detection is the one reviewers see on their pull requests.

Every path given to or returned from this module is relative to the *records repository root*
(the folder with kvk.yaml), which may lie below the top of the git work tree.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import GitError

#: the tree of an empty repository: the base when there is no commit yet
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
#: the branches tried, in order, as "the main branch"
MAIN_BRANCHES = ("main", "master", "origin/HEAD", "origin/main", "origin/master")


@dataclass(frozen=True)
class FileChange:
    """One file that differs between a commit and the working tree (or between two commits)."""

    status: str  # A added, M modified, D deleted, R renamed, T type changed, U unmerged
    old: str | None  # path at the base; None when added
    new: str | None  # path now; None when deleted
    similarity: int = 100  # for renames: git's similarity index in percent


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    email: str
    date: str  # ISO 8601 with offset, as git gives it
    subject: str
    change: FileChange  # what this commit did to the followed file


class Git:
    """Questions to the git repository holding a records repository."""

    def __init__(self, root: Path, top: Path, prefix: str = ""):
        self.root = root  # the records repository root: every command runs here
        self.top = top
        self.prefix = prefix  # the root's path below the top of the work tree: "" or "arkiv/"

    @classmethod
    def open(cls, root: Path) -> "Git":
        out = _run(root, ["rev-parse", "--show-toplevel", "--show-prefix"], check=False)
        if out.returncode != 0:
            if _no_git():
                raise GitError("git is not installed (or not on PATH); kvk needs it to compare versions")
            if "not a git repository" not in out.stderr:  # e.g. git's 'dubious ownership' refusal
                reason = (out.stderr.strip().splitlines() or ["(no message)"])[0].removeprefix("fatal: ")
                raise GitError(f"git cannot read the repository at {root}: {reason}")
            raise GitError(f"{root} is not in a git repository (run 'git init' there, or use kvk check without --changed)")
        top, prefix = (out.stdout.split("\n") + [""])[:2]
        return cls(root, Path(top), prefix)

    # --- running git -----------------------------------------------------------------------

    def run(self, *args: str, check: bool = True) -> str:
        result = _run(self.root, list(args), check=False)
        if check and result.returncode != 0:
            message = (result.stderr.strip().splitlines() or ["(no message)"])[-1]
            raise GitError(f"git {args[0]} failed: {message.removeprefix('fatal: ')}")
        return result.stdout

    # --- revisions -------------------------------------------------------------------------

    def has_commits(self) -> bool:
        return _run(self.root, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], check=False).returncode == 0

    def resolve(self, ref: str) -> str:
        """The commit ``ref`` names, as a full sha; an unknown ref is a one-line GitError."""
        if ref.startswith("-"):  # never let a REF be read as an option
            raise GitError(f"unknown revision '{ref}'")
        result = _run(self.root, ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"],
                      check=False)
        if result.returncode != 0:
            raise GitError(f"unknown revision '{ref}': not a branch, tag or commit in this repository "
                           f"(try 'git branch -a' or 'git log --oneline')")
        return result.stdout.strip()

    def main_branch(self) -> str | None:
        refs = ["refs/heads/main", "refs/heads/master", "refs/remotes/origin/HEAD",
                "refs/remotes/origin/main", "refs/remotes/origin/master"]
        # one call for all candidates: each git process costs tens of milliseconds
        out = self.run("for-each-ref", "--format=%(refname)", *refs).split()
        found = [ref for ref in refs if ref in out]
        return found[0].split("/", 2)[-1] if found else None

    def default_base(self) -> tuple[str, str]:
        """(sha, description) of the default REF: where the current branch left the main branch.
        Without any commit yet, the empty tree: every record is then new."""
        main = self.main_branch()
        if main is None:
            if not self.has_commits():
                return EMPTY_TREE, "the empty repository (no commit yet)"
            raise GitError("no main branch to compare with (tried " + ", ".join(MAIN_BRANCHES)
                           + "); name a revision, e.g. 'kvk check --changed HEAD'")
        result = _run(self.root, ["merge-base", "HEAD", main], check=False)
        base = result.stdout.strip()
        if not base:
            if not self.has_commits():
                return EMPTY_TREE, "the empty repository (no commit yet)"
            raise GitError(f"HEAD and {main} have no common history; name a revision to compare with")
        return base, f"the merge base with {main} ({base[:7]})"

    def base(self, ref: str | None) -> tuple[str, str]:
        """(sha, description) for an explicit REF, or the default base."""
        if ref is None:
            return self.default_base()
        if ref == "HEAD" and not self.has_commits():
            # the first commit of a new repository (the pre-commit hook runs --changed HEAD)
            return EMPTY_TREE, "the empty repository (no commit yet)"
        sha = self.resolve(ref)
        return sha, f"{ref} ({sha[:7]})" if not sha.startswith(ref) else sha[:7]

    # --- what changed ----------------------------------------------------------------------

    def changes(self, base: str, paths: list[str] | None = None) -> list[FileChange]:
        """Files that differ between ``base`` and the working tree: committed since, staged,
        unstaged and untracked alike. Renames are detected by git for tracked files."""
        spec = ["--", *(paths or ["."])]
        # both walk the whole working tree: run them side by side
        out, untracked = self.run_parallel(
            ["diff", "-z", "--name-status", "-M", "--relative", "--no-ext-diff", "--ignore-submodules", base, *spec],
            ["ls-files", "-z", "--others", "--exclude-standard", *spec])
        found = parse_name_status(out)
        known = {c.new for c in found if c.new}
        found += [FileChange("A", None, p) for p in untracked.split("\0") if p and p not in known]
        return found

    # --- contents at a revision ------------------------------------------------------------

    def show(self, rev: str, path: str) -> bytes | None:
        """The bytes of ``path`` at ``rev``, or None when it did not exist there."""
        if rev == EMPTY_TREE:
            return None
        result = _run(self.root, ["cat-file", "blob", f"{rev}:./{path}"], check=False, text=False)
        if result.returncode != 0:
            return None
        return result.stdout

    def show_many(self, rev: str, paths: list[str]) -> dict[str, bytes | None]:
        """Like :meth:`show` for many files, in one git process."""
        if rev == EMPTY_TREE or not paths:
            return {p: None for p in paths}
        request = "".join(f"{rev}:{self.prefix}{p}\n" for p in paths).encode("utf-8")
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input=request,
                                capture_output=True, env=_env())
        if result.returncode != 0:
            return {p: self.show(rev, p) for p in paths}
        out, pos, found = result.stdout, 0, {}
        for path in paths:
            end = out.index(b"\n", pos)
            header = out[pos:end].split()
            pos = end + 1
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                found[path] = out[pos:pos + size]
                pos += size + 1
            else:
                found[path] = None  # missing, or not a file
        return found

    def grep(self, words: list[str], paths: list[str]) -> list[str]:
        """Files in the working tree (tracked or untracked, not ignored) that contain any of the
        fixed strings as a whole word: a fast way to find candidates without parsing. (Fixed
        strings: a regular expression with alternatives is twenty times slower on 20,000 files.)"""
        return self.grep_many([(words, paths)])

    def grep_many(self, searches: list[tuple[list[str], list[str]]]) -> list[str]:
        """Several :meth:`grep` searches (words, paths), run side by side."""
        commands = []
        for words, paths in searches:
            if words and paths:
                args = ["grep", "-l", "-I", "-F", "-w", "--untracked", "--no-color"]
                for w in words:
                    args += ["-e", w]
                commands.append([*args, "--", *paths])
        # exit 1: nothing matched
        outputs = self.run_parallel(*commands, ok=(0, 1)) if commands else []
        return sorted({line for out in outputs for line in out.splitlines() if line})

    def grep_pattern(self, pattern: str, paths: list[str]) -> set[str] | None:
        """The regular files under ``paths`` in the working tree (tracked, untracked and
        ignored alike: every file a walk of the folders would find) holding a match of the
        Perl-compatible ``pattern`` (ASCII, matched against bytes, no line breaks in a match);
        None when git cannot search with such a pattern (built without PCRE, too old) or
        fails, so the caller searches itself. git reads the files in threads, in C: searching
        20,000 records this way costs a fraction of reading them into Python."""
        if not paths:
            return set()
        args = ["grep", "-l", "-z", "-a", "-P", "--untracked", "--no-exclude-standard", "--no-color",
                "--no-recurse-submodules", "-e", pattern, "--", *paths]
        try:
            proc = _popen(self.root, args)
            out, _ = proc.communicate()
        except (GitError, OSError):
            return None
        if proc.returncode not in (0, 1):  # 1: nothing matched
            return None
        return {p for p in out.split("\0") if p}

    def run_parallel(self, *commands: list[str], ok: tuple[int, ...] = (0,)) -> list[str]:
        """Run git commands at the same time; their outputs, in order."""
        procs = [_popen(self.root, args) for args in commands]
        outputs = []
        for args, proc in zip(commands, procs, strict=True):
            out, err = proc.communicate()
            if proc.returncode not in ok:
                message = (err.strip().splitlines() or ["(no message)"])[-1]
                raise GitError(f"git {args[0]} failed: {message.removeprefix('fatal: ')}")
            outputs.append(out)
        return outputs

    # --- history ---------------------------------------------------------------------------

    def log(self, path: str) -> list[Commit]:
        """Commits that touched ``path``, newest first, following it back through renames."""
        sep = "\x1f"
        out = self.run("log", "--follow", "-M", "--name-status", "--relative",
                       "--diff-merges=dense-combined", "--no-color",
                       f"--format=\x1e%H{sep}%an{sep}%ae{sep}%aI{sep}%s", "--", path)
        commits: list[Commit] = []
        for block in out.split("\x1e"):
            if not block.strip():
                continue
            header, _, rest = block.partition("\n")
            sha, author, email, date, subject = header.split(sep, 4)
            lines = [line for line in rest.splitlines() if line.strip()]
            if not lines:
                continue  # a merge that did not change the file against its first parent
            commits.append(Commit(sha, author, email, date, subject, _status_line(lines[-1])))
        return commits

    def paths_in_history(self, folder: str, keep) -> list[str]:
        """Paths once under ``folder`` in the history of HEAD that ``keep(path)`` accepts,
        most recently touched first: how to find a record whose file is gone."""
        if not self.has_commits():
            return []
        out = self.run("log", "--format=", "--name-only", "--relative", "--no-renames", "--", folder, check=False)
        return [p for p in dict.fromkeys(line.strip() for line in out.splitlines()) if p and keep(p)]

    def parent(self, sha: str) -> str | None:
        result = _run(self.root, ["rev-parse", "--verify", "--quiet", f"{sha}^1"], check=False)
        return result.stdout.strip() or None


def parse_name_status(out: str) -> list[FileChange]:
    """Parse ``git diff -z --name-status`` output."""
    fields = out.split("\0")
    found: list[FileChange] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i]
        kind = status[0]
        if kind in "RC":
            old, new = fields[i + 1], fields[i + 2]
            found.append(FileChange("R" if kind == "R" else "A", old if kind == "R" else None, new,
                                    int(status[1:] or 100)))
            i += 3
            continue
        path = fields[i + 1]
        if kind == "D":
            found.append(FileChange("D", path, None))
        elif kind == "A":
            found.append(FileChange("A", None, path))
        else:  # M, T, U (unmerged: the working tree holds conflict markers)
            found.append(FileChange(kind, path, path))
        i += 2
    return found


def _status_line(line: str) -> FileChange:
    parts = line.split("\t")
    kind = parts[0][:1]
    if kind == "R":
        return FileChange("R", parts[1], parts[2], int(parts[0][1:] or 100))
    if kind == "D":
        return FileChange("D", parts[1], None)
    if kind == "A":
        return FileChange("A", None, parts[1])
    return FileChange(kind, parts[1], parts[1])


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # stable, unquoted, untranslated output whatever the user's settings
    env.update(LC_ALL="C", LANGUAGE="C", GIT_PAGER="cat", GIT_OPTIONAL_LOCKS="0", GIT_TERMINAL_PROMPT="0")
    return env


def _run(cwd: Path, args: list[str], *, check: bool, text: bool = True) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
                              check=check, env=_env(), **({"encoding": "utf-8", "errors": "replace"} if text else {}))
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); kvk needs it to compare versions") from None


def _popen(cwd: Path, args: list[str]) -> subprocess.Popen:
    try:
        return subprocess.Popen(["git", "-c", "core.quotepath=off", *args], cwd=cwd, env=_env(), text=True,
                                encoding="utf-8", errors="replace", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); kvk needs it to compare versions") from None


def _no_git() -> bool:
    from shutil import which

    return which("git") is None




# --- the little authoring needs --------------------------------------------------------------


def available() -> bool:
    return not _no_git()


def inside_work_tree(folder: Path) -> bool:
    """Is ``folder`` inside a git work tree? (False when git is missing.)"""
    if not available():
        return False
    result = _run(folder, ["rev-parse", "--is-inside-work-tree"], check=False)
    return result.returncode == 0 and result.stdout.strip() == "true"


def init(folder: Path) -> None:
    result = _run(folder, ["init", "--quiet"], check=False)
    if result.returncode != 0:
        raise GitError(f"git init failed: {result.stderr.strip() or result.stdout.strip()}")


def tracked(root: Path, rel: str) -> bool:
    """Does git track ``rel``? (False outside a git repository or without git.)"""
    return available() and _run(root, ["ls-files", "--error-unmatch", "--", rel], check=False).returncode == 0


def move(root: Path, old: str, new: str) -> None:
    """``git mv``, so the history follows the file."""
    result = _run(root, ["mv", "--", old, new], check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["(no message)"])[-1].removeprefix("fatal: ")
        raise GitError(f"git mv {old} {new} failed: {reason}")


def record_move(root: Path, old: str, new: str) -> None:
    """Tell git's index that ``old`` was moved to ``new`` (both already done in the working
    tree), as ``git mv`` would have: the history follows the file."""
    result = _run(root, ["add", "-A", "--", old, new], check=False)
    if result.returncode != 0:
        reason = (result.stderr.strip().splitlines() or ["(no message)"])[-1].removeprefix("fatal: ")
        raise GitError(f"the case was moved to {new}, but git could not record the move: {reason}; "
                       f"run 'git add -A -- {old} {new}'")
