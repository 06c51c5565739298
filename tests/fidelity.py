"""Line fidelity: how much of a real document's text a rendering reproduces.

Shared by the seed-fidelity test (tests/render/test_fidelity.py) and the corpus test
(tests/corpus/test_fidelity.py). Both sides are normalised before they are compared: whitespace
collapsed, list bullets and Markdown markup (headings, bold, table pipes) removed. Lines must be
found in order; extra lines in the rendering (letterhead, Markdown table rules) are allowed.
"""

from __future__ import annotations

import re


def normalise(line: str) -> str:
    line = line.strip()
    if line.startswith("|"):
        if re.fullmatch(r"[|\-: ]+", line):
            return ""  # a table rule
        line = " ".join(cell.strip() for cell in line.strip("|").split("|") if cell.strip())
    line = re.sub(r"^#+\s+", "", line)  # heading markers
    line = re.sub(r"^[-*•]\s+", "", line)  # bullets
    line = line.replace("**", "").replace("\\|", "|")
    return " ".join(line.split())


def wanted_lines(original: str) -> list[str]:
    """The non-empty normalised lines of an original document."""
    return [n for n in (normalise(line) for line in original.splitlines()) if n]


def missing_lines(seed_text: str, rendered: str) -> list[str]:
    """Lines of the original not found, in order, among the rendered lines."""
    produced = [n for n in (normalise(line) for line in rendered.splitlines()) if n]
    missing, pos = [], 0
    for want in wanted_lines(seed_text):
        try:
            pos = produced.index(want, pos) + 1
        except ValueError:
            missing.append(want)
    return missing
