"""NIK and No. KK (16 digits) in any spelling: the one normal form and test for every string the app stores from a user.

A NIK reaches a form in many spellings: grouped 4-4-4-4 or 6-6-4, with spaces, hyphens or dots,
in digit pairs, with a zero-width space pasted inside, in full-width digits from a phone's input
method, or as Excel's 3,17409E+15. Each is brought to one normal form (Unicode NFKC, invisible
format characters removed, the separators between digits removed) before one pattern is tried.
Upload cells (bebenah.ingest), file names, the audit log, sign-in names and the tests' whole-database
scan (tests/nik_scan.py) all use this module, so that what is refused and what is looked for agree.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc

# Zero-width spaces and joiners, the BOM, soft hyphens, bidi marks: Unicode's "format" characters.
INVISIBLE = r"\p{Cf}"
# What may stand between the digits of one number: spaces of any kind (NFKC has made most of them
# a plain space), dashes and minus signs, dots. Up to three of them ("3174 - 0910"), no more.
SEPARATOR = r"[\s\p{Z}\p{Pd}\x{2212}.]{1,3}"
DIGIT = r"\p{Nd}"
# On the normal form: 16 digits or more in a row, or Excel's scientific notation of such a number.
PATTERN = rf"{DIGIT}{{16}}|^{DIGIT}[.,]?{DIGIT}*[eE]\+?1[5-9]$"
MASK = "•"


def normal_forms(values) -> pa.Array:
    """Each text in its normal form (a pyarrow array or chunked array of strings in, same out)."""
    values = pc.utf8_normalize(values, form="NFKC")
    values = pc.replace_substring_regex(values, INVISIBLE, "")
    # Non-overlapping matches take one separator of "3 1 7 4" in two: repeat until none is left.
    joined = rf"({DIGIT}){SEPARATOR}({DIGIT})"
    for _ in range(4):
        if not pc.any(pc.fill_null(pc.match_substring_regex(values, joined), False)).as_py():
            break
        values = pc.replace_substring_regex(values, joined, r"\1\2")
    return values


def looks_like_nik(values) -> pa.Array:
    """True for each text that holds a NIK or No. KK in any spelling (null stays null)."""
    return pc.match_substring_regex(normal_forms(values), PATTERN)


def is_nik_like(text) -> bool:
    """looks_like_nik() for one text."""
    if text is None:
        return False
    return bool(looks_like_nik(pa.array([str(text)], pa.string()))[0].as_py())


def flagged(values) -> pa.Array:
    """The distinct texts of a column that look like a NIK: each distinct value is tried once."""
    distinct = pc.unique(values)
    if isinstance(distinct, pa.ChunkedArray):
        distinct = distinct.combine_chunks()
    distinct = distinct.drop_null() if distinct.null_count else distinct
    if not len(distinct):
        return distinct
    return distinct.filter(pc.fill_null(looks_like_nik(distinct), False))


def redacted(text: str) -> str:
    """A text that looks like a NIK with every digit masked, so it can be logged; any other text as it is."""
    if not is_nik_like(text):
        return text
    forms = pc.utf8_normalize(pa.array([str(text)], pa.string()), form="NFKC")
    return pc.replace_substring_regex(forms, rf"{DIGIT}|{INVISIBLE}", MASK)[0].as_py()
