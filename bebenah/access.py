"""Who is using the app and what their role lets them see (page.guard() draws the refusal).

Roles: viewer (aggregates only), uploader (uploads, and household-level rows of their own area),
admin (everything). Accounts live in bebenah.users; signing in and out in bebenah.login.
"""

from bebenah import login

ROLES = ("viewer", "uploader", "admin")
GUEST = {"username": None, "role": None, "area": None}


def current_user() -> dict:
    """The signed-in user as {"username", "role", "area"}; a guest (role None) when nobody is.

    Role and area are read from the accounts file on every run, so removing or demoting an account
    takes effect at once, in open sessions too.
    """
    return login.session_user() or dict(GUEST)


def allows(user: dict, role: str) -> bool:
    """Does the user's role reach `role`? A guest's does not."""
    return user.get("role") in ROLES and ROLES.index(user["role"]) >= ROLES.index(role)


def may_open(user: dict, role: str, sample_data: bool) -> bool:
    """May the user open a page that needs `role`? Guests browse the viewer pages of the sample data only."""
    return allows(user, role) or (role == "viewer" and user.get("role") is None and sample_data)


def household_scope(user: dict | None = None) -> str | None:
    """The area code whose household-level rows the user may see: None for all (admins).

    An uploader's area is a kecamatan (31.74.09) or kelurahan (31.74.09.1005) code; match rows with
    in_area() or, in SQL, `starts_with(kode_kelurahan || '.', $area || '.')`.
    Raises PermissionError for viewers and guests (aggregates only) and for an uploader without an area.
    """
    user = user or current_user()
    if user.get("role") == "admin":
        return None
    if user.get("role") == "uploader" and user.get("area"):
        return user["area"]
    raise PermissionError("household-level data is for uploaders of the area and admins only")


def in_area(kode_kelurahan: str | None, area: str | None) -> bool:
    """Is a kelurahan inside an area code (None = everywhere)? Whole segments only: 31.74.0 matches nothing."""
    return area is None or (kode_kelurahan is not None and f"{kode_kelurahan}.".startswith(f"{area}."))
