"""Kelurahan boundaries for offline plotly maps (data/reference/kelurahan_dki_jakarta.geojson, MIT)."""

import json
from functools import lru_cache

from bebenah.db import REFERENCE


@lru_cache(maxsize=1)
def _all_features() -> dict[str, dict]:
    with (REFERENCE / "kelurahan_dki_jakarta.geojson").open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {feature["id"]: feature for feature in collection["features"]}


def kelurahan(codes) -> dict:
    """A FeatureCollection of the kelurahan with these Kemendagri codes (feature id = the code).

    Only the drawn kelurahan travel to the browser: all 267 would be 370 kB on every rerun.
    """
    features = _all_features()
    return {"type": "FeatureCollection", "features": [features[code] for code in codes if code in features]}
