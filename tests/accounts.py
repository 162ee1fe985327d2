"""Test accounts, one per role, in a users file the app reads through $BEBENAH_USERS.

Sign a user in the way the app does after a password check: `sign_in(at, "viewer")` before `at.run()`.
"""

import bcrypt
import yaml

PASSWORD = "kata-sandi-uji-2026"
COOKIE_KEY = "kunci-cookie-uji-" + "x" * 40
ACCOUNTS = {
    "viewer": {"username": "vera", "role": "viewer", "area": None},
    # Jagakarsa: households H1-H3 of the fixture; Pela Mampang (Mampang Prapatan) holds H4 and H5.
    "uploader": {"username": "umar", "role": "uploader", "area": "31.74.09"},
    "uploader_kelurahan": {"username": "ulfa", "role": "uploader", "area": "31.74.03.1003"},
    "admin": {"username": "ani", "role": "admin", "area": None},
}


def write(path) -> None:
    """A users file in streamlit-authenticator's layout (cheap bcrypt rounds: tests only)."""
    hashed = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    usernames = {
        account["username"]: {"name": account["username"].title(), "password": hashed,
                              "roles": [account["role"]], "area": account["area"], "email": None}
        for account in ACCOUNTS.values()
    }
    config = {"cookie": {"name": "pantau_bebenah_auth", "expiry_days": 1.0},
              "credentials": {"usernames": usernames}}
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(config, handle)


def sign_in(at, role: str = "viewer"):
    """Sign the AppTest session in as the account of `role`, as the sign-in form does."""
    at.session_state["user"] = {**ACCOUNTS[role], "via": "password"}
    return at
