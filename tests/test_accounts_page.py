"""The admins' accounts screen: accounts in words, unlock, change role, add and remove, and a backup,
each through users.apply with its audit entry; refused requests say why in the page's language."""

import json

import pytest

from bebenah import db, lockout, users

import accounts
from test_access import open_page

PAGE = "app_pages/akun.py"
STRANGER = "203.0.113.9"


def entries(con, action="user_change"):
    return [(target, json.loads(detail)) for target, detail in con.execute(
        "select target, detail from audit_log where action = ? order by audit_id", [action]).fetchall()]


def tab(at, label):
    return next(each for each in at.tabs if each.label == label)


@pytest.fixture
def admin_page(fixture_db, monkeypatch, tmp_path):
    monkeypatch.setenv("BEBENAH_BACKUPS", str(tmp_path / "cadangan"))
    return lambda: open_page(PAGE, "admin")


def test_only_admins_open_it(fixture_db):
    for role in ("viewer", "uploader"):
        at = open_page(PAGE, role)
        assert not at.dataframe and not at.tabs


def test_accounts_are_listed_with_roles_and_areas_in_words_and_a_running_lock(admin_page, con):
    at = lockout.now()
    for _ in range(lockout.LOCK_AFTER):
        lockout.fail(con, "umar", at, STRANGER)
    page = admin_page()
    table = page.dataframe[0].value.set_index("Nama pengguna")
    assert table.loc["umar", "Peran"] == "pengunggah" and table.loc["umar", "Wilayah"] == "Kecamatan Jagakarsa"
    assert table.loc["umar", "Gagal masuk"] == lockout.LOCK_AFTER and table.loc["umar", "Terkunci sampai"].endswith("UTC")
    assert table.loc["ani", "Gagal masuk"] == 0 and table.loc["ani", "Terkunci sampai"] == ""


def test_an_admin_unlocks_an_account_in_the_app_and_it_is_audited(admin_page, con):
    for _ in range(lockout.LOCK_AFTER):
        lockout.fail(con, "umar", lockout.now(), STRANGER)
    page = admin_page()
    page.selectbox(key="unlock_who").select("umar")
    page.button(key="unlock_go").click().run()
    assert "Kunci masuk umar dibuka." in page.success[0].value
    assert lockout.check(db.cursor(), "umar", lockout.now(), STRANGER).allowed
    assert entries(db.cursor()) == [("umar", {"change": "unlock"})]
    assert db.cursor().execute("select actor from audit_log where action = 'user_change'").fetchone() == ("ani",)


def add(page, area=None, password="pendek", again=None):
    """Fill the add form as an admin would and send it."""
    page.text_input(key="add_username").input("siti")
    page.selectbox(key="add_role").select("uploader")
    page.selectbox(key="add_area").set_value(area)
    page.text_input(key="add_password").input(password)
    page.text_input(key="add_again").input(again or password)
    return page.button(key="FormSubmitter:add_form-Tambah akun").click().run()


def test_adding_an_account_refuses_in_words_then_adds_and_audits(admin_page, accounts_file):
    page = admin_page()
    errors = lambda: [error.value for error in page.error]  # noqa: E731
    add(page)
    assert errors() == ["Pengunggah perlu wilayah: pilih kecamatan atau kelurahannya."]
    add(page, area="31.74.09")
    assert errors() == ["Kata sandi minimal 12 karakter."]
    add(page, area="31.74.09", password=accounts.PASSWORD, again=accounts.PASSWORD + "x")
    assert errors() == ["Kedua kata sandi berbeda."]
    assert "siti" not in users.accounts() and entries(db.cursor()) == []
    add(page, area="31.74.09", password=accounts.PASSWORD)
    assert users.find("siti") == {"username": "siti", "role": "uploader", "area": "31.74.09"}
    assert users.check_password("siti", accounts.PASSWORD)
    assert entries(db.cursor()) == [("siti", {"change": "add", "role": "uploader", "area": "31.74.09"})]


def test_the_last_admin_cannot_be_demoted_and_nobody_removes_themselves(admin_page):
    page = admin_page()
    assert "ani" not in page.selectbox(key="remove_who").options
    page.selectbox(key="role_who").select("ani")
    page.selectbox(key="role_role").select("viewer")
    page.button(key="FormSubmitter:role_form-Ubah peran").click().run()
    assert page.error[0].value == "ani adalah admin terakhir: jadikan akun lain admin dulu."
    assert users.find("ani")["role"] == "admin" and entries(db.cursor()) == []


def test_removing_needs_a_confirmation_and_is_audited(admin_page):
    page = admin_page()
    page.selectbox(key="remove_who").select("vera")
    assert page.button(key="remove_go").disabled
    page.checkbox(key="remove_sure").check().run()
    page.button(key="remove_go").click().run()
    assert users.find("vera") is None and entries(db.cursor()) == [("vera", {"change": "remove"})]


def test_a_backup_is_written_from_the_page_and_listed(admin_page, tmp_path):
    page = admin_page()
    page.button(key="backup_go").click().run()
    assert "dibuat" in page.success[0].value
    written = list((tmp_path / "cadangan").glob("bebenah-*.duckdb"))
    assert len(written) == 1 and page.dataframe[-1].value.iloc[0, 0] == written[0].name
    assert entries(db.cursor(), "backup") == [(written[0].name, {"bytes": written[0].stat().st_size})]
