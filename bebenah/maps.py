"""Kelurahan boundaries for offline plotly maps (data/reference/kelurahan_dki_jakarta.geojson, MIT)."""

import json
from functools import lru_cache

from bebenah.db import REFERENCE

# Four decimals of a degree are 11 m: below a pixel at any zoom the map draws (one kecamatan fills
# it at about 9 m a pixel), and a quarter fewer bytes to the browser than the file's five.
DECIMALS = 4


def _rounded(coordinates):
    """Coordinates of a ring, polygon or multipolygon rounded to DECIMALS, repeated points dropped."""
    if isinstance(coordinates[0][0], (int, float)):
        ring = []
        for x, y in coordinates:
            point = [round(x, DECIMALS), round(y, DECIMALS)]
            if not ring or point != ring[-1]:
                ring.append(point)
        return ring
    return [_rounded(part) for part in coordinates]


@lru_cache(maxsize=1)
def _all_features() -> dict[str, dict]:
    """Each kelurahan's feature as the map needs it: its code as id and its shape, nothing more
    (the names are in the hover text already)."""
    with (REFERENCE / "kelurahan_dki_jakarta.geojson").open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return {
        feature["id"]: {
            "type": "Feature",
            "id": feature["id"],
            "geometry": {"type": feature["geometry"]["type"],
                         "coordinates": _rounded(feature["geometry"]["coordinates"])},
        }
        for feature in collection["features"]
    }


def kelurahan(codes) -> dict:
    """A FeatureCollection of the kelurahan with these Kemendagri codes (feature id = the code).

    Only the drawn kelurahan travel to the browser: all 267 would be 290 kB on every rerun.
    """
    features = _all_features()
    return {"type": "FeatureCollection", "features": [features[code] for code in codes if code in features]}
