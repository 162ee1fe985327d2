"""Who is using the app and what their role lets them see (login arrives with the access issue)."""

import streamlit as st

ROLES = ("viewer", "uploader", "admin")


def current_user() -> dict:
    """The signed-in user as {"username", "role", "area"}; an anonymous viewer otherwise."""
    user = st.session_state.get("user")
    if user:
        return user
    return {"username": "tamu", "role": "viewer", "area": None}


def allows(user: dict, role: str) -> bool:
    return ROLES.index(user["role"]) >= ROLES.index(role)
