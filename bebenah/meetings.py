"""Coordination meetings (rapat koordinasi): recorded, closed with their figures frozen per area, and
the follow-up actions they agree tracked to the next one. Every write is audited; a status change
of an action is appended, never changed.

"Since the last meeting" compares the figures a closed meeting stored (rapat_angka: stored rows,
never recomputed, so they stay exact after later uploads and undos) with the same figures now.
"""

from dataclasses import dataclass
from datetime import date

import pandas as pd

from bebenah import audit, db, nik

GAP_KINDS = ("kebutuhan", "sasaran", "kemajuan", "lain")
REPORTED = ("berjalan", "selesai", "batal")
MAX_TEXT = 300
# The figures "since the last meeting" shows, in the order of the briefing: (column, kind of change).
FIGURES = (
    ("rt_terdaftar", "households"),
    ("rt_naik", "households"),
    ("intervensi", "count"),
    ("rt_kebutuhan_terbuka", "households"),
    ("lembaga_aktif", "count"),
    ("kontribusi_idr", "rupiah"),
    ("unggahan", "count"),
)


class MeetingError(ValueError):
    """A meeting or action that cannot be recorded; `code` names the message (locales: meeting.error)."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True)
class Meeting:
    rapat_id: int
    tanggal: date
    judul: str
    kode_wilayah: str | None
    closed: bool

    @classmethod
    def of(cls, row) -> "Meeting":
        """A meeting as a row of the `meetings` query holds it."""
        return cls(int(row.rapat_id), pd.Timestamp(row.tanggal).date(), row.judul,
                   row.kode_wilayah if isinstance(row.kode_wilayah, str) else None, pd.notna(row.ditutup_pada))


def _meeting_row(cur, rapat_id: int) -> pd.Series:
    """The meeting's row of the `meetings` query, read in the caller's transaction."""
    meeting = db.query(cur, "meetings").query("rapat_id == @rapat_id")
    if meeting.empty:
        raise MeetingError("no_meeting", rapat_id=rapat_id)
    return meeting.iloc[0]


def _text(value: str | None, required: bool = True) -> str | None:
    """A free text as it is stored: trimmed, at most MAX_TEXT characters, never a NIK in any spelling."""
    text = " ".join(str(value or "").split())
    if not text:
        if required:
            raise MeetingError("text_missing")
        return None
    if len(text) > MAX_TEXT:
        raise MeetingError("text_long", maximum=MAX_TEXT)
    if nik.is_nik_like(text):
        raise MeetingError("text_nik")
    return text


def create(actor: str, tanggal: date, judul: str, kode_wilayah: str | None, lembaga_hadir: list[str]) -> int:
    """Record a meeting (open until closed); returns its id."""
    judul = _text(judul)
    with db.transaction() as cur:
        rapat_id = int(db.query(cur, "insert_rapat", tanggal=tanggal, judul=judul, kode_wilayah=kode_wilayah,
                                lembaga_hadir=list(lembaga_hadir), dibuat_oleh=actor).iloc[0, 0])
        audit.log(cur, actor, "meeting_create", str(rapat_id), tanggal=tanggal, area=kode_wilayah,
                  agencies=len(lembaga_hadir))
    return rapat_id


def close(actor: str, rapat_id: int) -> int:
    """Close an open meeting and store its figures for every area as of its date, in one
    transaction; returns how many areas' figures were stored."""
    with db.transaction() as cur:
        meeting = _meeting_row(cur, rapat_id)
        if db.query(cur, "close_rapat", rapat_id=rapat_id, ditutup_oleh=actor).empty:
            raise MeetingError("closed_already", rapat_id=rapat_id)
        figures = db.query(cur, "area_figures", sampai=meeting.tanggal, semua_wilayah=True)
        cur.register("meeting_figures_new", figures)
        try:
            db.execute(cur, "insert_rapat_angka", rapat_id=rapat_id)
        finally:
            cur.unregister("meeting_figures_new")
        audit.log(cur, actor, "meeting_close", str(rapat_id), areas=len(figures))
    return len(figures)


def add_action(actor: str, rapat_id: int, jenis_celah: str, kode_wilayah: str | None, kode_lembaga: str,
               tindakan: str, batas_waktu: date, kebutuhan: str | None = None, sampai: date | None = None) -> int:
    """Record a follow-up action agreed in an open meeting, with the households in its gap now."""
    if jenis_celah not in GAP_KINDS:
        raise MeetingError("gap_kind")
    if jenis_celah == "kebutuhan" and not kebutuhan:
        raise MeetingError("need_missing")
    if not kode_lembaga:
        raise MeetingError("agency_missing")
    tindakan = _text(tindakan)
    with db.transaction() as cur:
        meeting = _meeting_row(cur, rapat_id)
        if pd.notna(meeting.ditutup_pada):
            raise MeetingError("closed_already", rapat_id=rapat_id)
        if pd.Timestamp(batas_waktu) < pd.Timestamp(meeting.tanggal):
            raise MeetingError("due_before_meeting")
        added = db.query(cur, "insert_tindak_lanjut", rapat_id=rapat_id, jenis_celah=jenis_celah,
                         kebutuhan=kebutuhan if jenis_celah == "kebutuhan" else None, kode_wilayah=kode_wilayah,
                         kode_lembaga=kode_lembaga, tindakan=tindakan, batas_waktu=batas_waktu,
                         sampai=sampai or date.today(), dicatat_oleh=actor).iloc[0]
        audit.log(cur, actor, "action_add", str(int(added.tindak_lanjut_id)), rapat_id=rapat_id, gap=jenis_celah,
                  area=kode_wilayah, agency=kode_lembaga, due=batas_waktu)
    return int(added.tindak_lanjut_id)


def report(actor: str, tindak_lanjut_id: int, status: str, catatan: str | None = None) -> None:
    """Append a reported status to an action (the history stays)."""
    if status not in REPORTED:
        raise MeetingError("status")
    catatan = _text(catatan, required=False)
    with db.transaction() as cur:
        db.execute(cur, "insert_tindak_lanjut_status", tindak_lanjut_id=tindak_lanjut_id, status=status,
                   catatan=catatan, dicatat_oleh=actor)
        audit.log(cur, actor, "action_status", str(tindak_lanjut_id), status=status)


def last_closed(kode_wilayah: str | None, before: date | None = None) -> Meeting | None:
    """The latest closed meeting about this area, one that contains it, or the whole programme."""
    meetings = db.run("meetings")
    closed = meetings[meetings.ditutup_pada.notna()]
    if before is not None:
        closed = closed[closed.tanggal < pd.Timestamp(before)]
    area = kode_wilayah or ""
    about = closed[[code is None or pd.isna(code) or f"{area}.".startswith(f"{code}.") for code in closed.kode_wilayah]]
    if about.empty:
        return None
    return Meeting.of(about.iloc[0])


def chosen_area(filters: dict) -> str:
    """The filters' area as one code ('' for the whole programme)."""
    return filters.get("kelurahan") or filters.get("kecamatan") or filters.get("kota") or ""


def stored(meeting: Meeting, area: str) -> pd.DataFrame:
    """The figures the meeting stored for an area ('' = the programme), as the current user may see them."""
    return db.run("meeting_figures_then", rapat_id=meeting.rapat_id, kode_wilayah=area)


def since(meeting: Meeting, filters: dict, sampai: date) -> pd.DataFrame:
    """The briefing's figures then (stored at the meeting) and now, for the filters' area: one row
    per figure (ukuran, kind, then, now), as the current user may see them."""
    area = chosen_area(filters)
    then = stored(meeting, area)
    now = db.run("area_figures", sampai=sampai, semua_wilayah=False,
                 **{key: filters.get(key) for key in ("kota", "kecamatan", "kelurahan")})
    rows = []
    for column, kind in FIGURES:
        rows.append({"ukuran": column, "kind": kind,
                     "then": then[column].iloc[0] if not then.empty else None,
                     "now": now[column].iloc[0] if not now.empty else None})
    return pd.DataFrame(rows)
