"""Cell values written the contract's one way (choice names, plain numbers, ISO dates); validate_*.sql judges them."""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from bebenah.ingest.contract import JAKARTA, Column, choice_labels, normal

UNICODE_SPACES = ("\u00a0", "\u2007", "\u202f", "\u3000")
# Values a 0/1 select-multiple column uses for "chosen".
CHOSEN = ["1", "1.0", "true", "ya", "yes", "benar"]


def parallel(function, items: list) -> list:
    """pyarrow's kernels let go of the GIL: columns are normalised side by side."""
    if len(items) < 8:
        return [function(item) for item in items]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return list(pool.map(function, items))


def null_blank(arr, unicode_spaces: bool = True):
    """Trimmed, and null where nothing is left. ASCII trimming is four times quicker than
    Unicode's, so a file without a non-breaking space (pasted from the web) gets that."""
    trimmed = (pc.utf8_trim_whitespace if unicode_spaces else pc.ascii_trim_whitespace)(arr)
    empty = pc.equal(pc.binary_length(trimmed), 0)
    if not any_true(empty):
        return trimmed
    return pc.if_else(empty, pa.scalar(None, pa.string()), trimmed)


def _where(mask, then, otherwise):
    return pc.if_else(pc.fill_null(mask, False), then, otherwise)


def any_true(mask) -> bool:
    return bool(pc.any(pc.fill_null(mask, False)).as_py())


def _all_in(arr, values) -> bool:
    return (pc.sum(pc.is_in(arr, value_set=pa.array(values, pa.string()))).as_py() or 0) + arr.null_count == len(arr)


def _choice(arr, col: Column):
    if _all_in(arr, col.pilihan):
        return arr
    lookup = choice_labels(col.daftar) if col.daftar else {normal(name): name for name in col.pilihan}
    spaced = pc.utf8_lower(pc.replace_substring_regex(arr, r"\s+", " "))
    mapped = pc.take(pa.array(list(lookup.values())), pc.index_in(spaced, value_set=pa.array(list(lookup))))
    return pc.coalesce(mapped, arr)


@lru_cache(maxsize=None)
def _canonical(pilihan: tuple[str, ...]) -> tuple[str, ...]:
    """Every answer of a select-multiple written the one way: its choices in the list's order."""
    if len(pilihan) > 12:
        return ()
    return tuple(
        " ".join(name for bit, name in enumerate(pilihan) if mask >> bit & 1) for mask in range(1, 2 ** len(pilihan))
    )


def _multi_summary(arr, col: Column):
    if _all_in(arr, _canonical(col.pilihan)):
        return arr
    arr = pc.replace_substring_regex(arr, r"\s+", " ")
    if any_true(pc.invert(_all_chosen_known(arr, col))):
        # Labels hold spaces, so a summary of labels is split by replacing the longest labels first.
        lookup = choice_labels(col.daftar)
        for written in sorted(lookup, key=len, reverse=True):
            arr = pc.replace_substring_regex(arr, f"(?i){re.escape(written)}", lookup[written])
    if any_true(pc.invert(_all_chosen_known(arr, col))):
        return arr  # left as written: validation names the unknown choice
    # One spelling per answer: the choices in the list's order, each once.
    padded = pc.binary_join_element_wise(" ", arr, " ", "")
    chosen = [_where(pc.match_substring(padded, f" {name} "), name, "") for name in col.pilihan]
    return _where(pc.is_valid(arr), _squeeze(pc.binary_join_element_wise(*chosen, " ")), arr)


def _all_chosen_known(arr, col: Column):
    tokens = pc.split_pattern(arr, " ")
    flat = pc.list_flatten(tokens)
    known = pc.is_in(flat, value_set=pa.array(col.pilihan))
    parents = pc.list_parent_indices(tokens)
    bad = pc.unique(parents.filter(pc.invert(known)))
    return pc.invert(pc.is_in(pa.array(np.arange(len(arr))), value_set=bad))


def _squeeze(arr):
    return pc.utf8_trim_whitespace(pc.replace_substring_regex(arr, r"\s+", " "))


def multi_split(parts: dict[str, pa.ChunkedArray], col: Column):
    """One space-separated value from the per-option 0/1 columns, in the choice list's order."""
    present = [name for name in col.pilihan if name in parts]
    chosen = [_where(pc.is_in(pc.utf8_lower(parts[name]), value_set=pa.array(CHOSEN)), name, "") for name in present]
    answered = pc.is_valid(parts[present[0]])
    for name in present[1:]:
        answered = pc.or_(answered, pc.is_valid(parts[name]))
    joined = _squeeze(pc.binary_join_element_wise(*chosen, " ") if len(chosen) > 1 else chosen[0])
    return null_blank(_where(answered, joined, pa.scalar(None, pa.string())))


def _number(arr, indonesian: bool):
    if not any_true(pc.invert(pc.match_substring_regex(arr, r"^-?\d+(\.\d*[1-9])?$"))):
        return arr  # already plain: 3, 7.5
    arr = pc.replace_substring_regex(arr, r"^(?i)rp\.?\s*", "")
    if indonesian:  # Excel in the Indonesian locale: 1.234.567,5
        thousands = pc.match_substring_regex(arr, r"^-?\d{1,3}(\.\d{3})+(,\d+)?$")
        arr = _where(thousands, pc.replace_substring(arr, ".", ""), arr)
    english = pc.match_substring_regex(arr, r"^-?\d{1,3}(,\d{3}){2,}(\.\d+)?$")
    arr = _where(english, pc.replace_substring(arr, ",", ""), arr)
    comma = pc.match_substring_regex(arr, r"^-?\d+,\d+$")
    arr = _where(comma, pc.replace_substring(arr, ",", "."), arr)
    return pc.replace_substring_regex(arr, r"^(-?\d+)\.0+$", r"\1")


def _date(arr):
    if not any_true(pc.invert(pc.match_substring_regex(arr, r"^\d{4}-\d{2}-\d{2}$"))):
        return arr
    parts = pc.extract_regex(arr, r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})$")
    year = pc.struct_field(parts, "y")
    year = _where(pc.equal(pc.utf8_length(year), 2), pc.binary_join_element_wise("20", year, ""), year)
    pad = lambda part: pc.utf8_lpad(pc.struct_field(parts, part), 2, "0")  # noqa: E731
    arr = pc.coalesce(pc.binary_join_element_wise(year, pad("m"), pad("d"), "-"), arr)
    stamped = pc.match_substring_regex(arr, r"^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}")
    if not any_true(stamped):
        return arr
    # A time with an offset (Kobo: +07:00, ODK: Z) counts on the calendar of Jakarta.
    values = arr.to_pandas()
    zoned = values.str.contains(r"(?:Z|[+-]\d{2}:?\d{2})$", na=False) & pd.Series(
        stamped.to_numpy(zero_copy_only=False), index=values.index
    ).fillna(False)
    local = pd.to_datetime(values[zoned], utc=True, format="ISO8601", errors="coerce")
    values.loc[zoned] = local.dt.tz_convert(JAKARTA).dt.strftime("%Y-%m-%d").where(local.notna(), values[zoned])
    naive = pd.Series(stamped.to_numpy(zero_copy_only=False), index=values.index).fillna(False) & ~zoned
    values.loc[naive] = values[naive].str[:10]
    return pa.chunked_array([pa.array(values, pa.string(), from_pandas=True)])


def normalise(arr, col: Column, indonesian_numbers: bool):
    if col.tipe == "choice":
        return _choice(arr, col)
    if col.tipe == "multi":
        return _multi_summary(arr, col)
    if col.tipe in ("integer", "decimal"):
        return _number(arr, indonesian_numbers)
    if col.tipe == "date":
        return _date(arr)
    return arr
