"""The accounts screen's pieces (app_pages/akun.py): the accounts with their sign-in failures, and
the forms that add, change, unlock and remove an account or write a backup. Every change goes through
users.apply, with its audit entry, in one transaction."""

import pandas as pd
import streamlit as st

from bebenah import backup, db, lockout, users
from bebenah.i18n import day, number, t

DONE = "accounts_done"


def accounts_table(areas: dict[str, str]) -> pd.DataFrame:
    """One row per account, in words: role and area by name, failed sign-ins and a running lock."""
    failures = db.query(db.cursor(), "login_failures_by_user", now=lockout.now())
    rows = users.listing().merge(failures[["username", "failures", "locked_until"]], on="username", how="left")
    return rows.assign(
        role=rows.role.map(lambda role: t(f"access.role_{role}")),
        area=rows.area.map(lambda code: areas.get(code, code)),
        password=rows.password.map(lambda has: t("accounts.yes") if has else t("accounts.no")),
        failures=rows.failures.fillna(0).astype(int),
        locked=[f"{day(when)} {when:%H:%M} UTC" if pd.notna(when) else "" for when in rows.locked_until],
    ).drop(columns="locked_until").rename(columns={column: t(f"accounts.col.{column}") for column in
                      ("username", "role", "area", "email", "password", "failures", "locked")})


def say_done() -> None:
    done = st.session_state.pop(DONE, None)
    if done:
        st.success(done)


def change(actor: str, what: str, username: str | None, **fields) -> None:
    """Apply one account change and its audit entry in one transaction; say what happened, in words."""
    if not username:
        st.error(t("accounts.error.username_form"))
        return
    try:
        with db.transaction(clear_cache=False) as cur:
            users.apply(cur, actor, what, username, **fields)
    except users.AccountError as refused:
        st.error(t(f"accounts.error.{refused.code}", **refused.params))
        return
    st.session_state[DONE] = t(f"accounts.done.{what}", username=username)
    st.rerun()


def _role_and_area(areas: dict[str, str], prefix: str) -> tuple[str, str | None]:
    role = st.selectbox(t("accounts.col.role"), users.ROLES, format_func=lambda code: t(f"access.role_{code}"),
                        key=f"{prefix}_role")
    area = st.selectbox(t("accounts.area"), list(areas), format_func=areas.get, index=None, key=f"{prefix}_area",
                        placeholder=t("accounts.area_hint"))
    return role, area


def unlock_form(actor: str, failing: list[str]) -> None:
    if not failing:
        st.info(t("accounts.none_failing"))
        return
    who = st.selectbox(t("accounts.col.username"), failing, key="unlock_who")
    if st.button(t("accounts.unlock"), key="unlock_go", type="primary"):
        change(actor, "unlock", who)


def role_form(actor: str, names: list[str], areas: dict[str, str]) -> None:
    with st.form("role_form"):
        who = st.selectbox(t("accounts.col.username"), names, key="role_who")
        role, area = _role_and_area(areas, "role")
        if st.form_submit_button(t("accounts.set_role"), type="primary"):
            change(actor, "set_role", who, role=role, area=area)


def add_form(actor: str, areas: dict[str, str]) -> None:
    with st.form("add_form"):
        username = st.text_input(t("access.username"), max_chars=32, key="add_username")
        name = st.text_input(t("accounts.col.name"), max_chars=80, key="add_name")
        role, area = _role_and_area(areas, "add")
        password = st.text_input(t("access.password"), type="password", key="add_password", autocomplete="new-password")
        again = st.text_input(t("accounts.password_again"), type="password", key="add_again",
                              autocomplete="new-password")
        if st.form_submit_button(t("accounts.add"), type="primary"):
            if password != again:
                st.error(t("accounts.error.passwords_differ"))
            else:
                change(actor, "add", username.strip().lower(), role=role, area=area, password=password,
                       name=name.strip() or None)


def remove_form(actor: str, names: list[str]) -> None:
    others = [name for name in names if name != actor]  # an admin cannot remove themselves here
    who = st.selectbox(t("accounts.col.username"), others, key="remove_who")
    sure = st.checkbox(t("accounts.remove_sure", username=who or ""), key="remove_sure")
    if st.button(t("accounts.remove"), key="remove_go", disabled=not (sure and who)):
        change(actor, "remove", who)


def backup_panel(actor: str) -> None:
    st.caption(t("accounts.backup_intro"))
    if st.button(t("accounts.backup_now"), key="backup_go", type="primary"):
        written = backup.create(actor)
        st.success(t("accounts.backup_done", file=written.name, size=number(written.stat().st_size / 1e6, 1)))
    made = backup.listing()
    if made.empty:
        st.info(t("accounts.no_backups"))
    else:
        st.dataframe(made.assign(written_at=made.written_at.map(lambda when: f"{day(when)} {when:%H:%M}"),
                                 size_mb=made.size_mb.map(lambda size: number(size, 1)))
                     .drop(columns="path").rename(columns={column: t(f"accounts.backup_col.{column}")
                                                          for column in ("file", "written_at", "size_mb")}),
                     hide_index=True, key="backup_table")
    st.caption(t("accounts.restore_how"))
