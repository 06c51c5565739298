"""Numbers for new records: the next saksnr of a year and a body's next utvalgssaksnr.

Numbers are taken from what is in the working tree. Two git branches can therefore hand out the
same number; file names carry a slug of the title so both files survive the merge, and
``kvk check`` reports the clash (KVK203) until ``kvk renumber-case`` settles it.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

from .. import layout
from ..models.common import utvalgssaksnr_parts

SLUG_LENGTH = 40

_FOLD = str.maketrans({"ø": "o", "å": "a", "æ": "ae", "Ø": "o", "Å": "a", "Æ": "ae"})


def slug(title: str, limit: int = SLUG_LENGTH) -> str:
    """'Søknad om deltakelse i Kvalitetskommuneprosjektet' -> 'soknad-om-deltakelse-i'."""
    text = unicodedata.normalize("NFKD", title.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out or (words[0][:limit] if words else "")


def next_saksnr(root: Path, year: int) -> str:
    """'2009/17' when the highest case of 2009 is 2009/16 (gaps are never filled: a number
    once seen may have been used on paper or in a letter)."""
    return f"{year}/{max(layout.case_sequence_numbers(root, year), default=0) + 1}"


def format_utvalgssaksnr(number: int, year: int) -> str:
    return f"{number}/{year % 100:02d}"


def next_utvalgssaksnr_number(used: Iterable[str], year: int) -> int:
    """The number after the highest of ``used`` (utvalgssaksnr or item numbers such as
    '45/08' or 'PS 45/08') that belongs to ``year``; text that is not such a number is skipped."""
    highest = 0
    for text in used:
        try:
            _, number, its_year = utvalgssaksnr_parts(str(text).strip())
        except ValueError:
            continue
        if its_year == year:
            highest = max(highest, number)
    return highest + 1
