"""Backups of the programme's database: a consistent copy written while the app runs, and a restore
that puts one back in a single transaction (the audit log is kept and records it).

    python -m bebenah.backup create [--to DIR]     # while the app is stopped; the admin page does it running
    python -m bebenah.backup list [--to DIR]
    python -m bebenah.backup restore FILE

Backups hold personal data (UU 27/2022): they are written readable by their owner only, into
$BEBENAH_BACKUPS or data/backups/ (git-ignored), and each one written or restored is audited.
"""

import argparse
import getpass
import os
import sys
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from bebenah import audit, db, lockout, snapshot

DIRECTORY = "BEBENAH_BACKUPS"
PREFIX = "bebenah-"
NEEDED_TABLES = {"uploads", "upload_status_changes", "survei", "intervensi", "kontribusi", "sasaran",
                 "wilayah", "lembaga", "jenis_intervensi", "kebutuhan", "settings",
                 "rapat", "rapat_angka", "tindak_lanjut", "tindak_lanjut_status"}


class BackupError(ValueError):
    """A backup that cannot be written or restored; `code` names the message (locales: backup.error)."""

    def __init__(self, code: str, **detail):
        super().__init__(code)
        self.code, self.detail = code, detail


def directory() -> Path:
    return Path(os.environ.get(DIRECTORY) or db.ROOT / "data" / "backups")


def create(actor: str, to: Path | None = None) -> Path:
    """Write a consistent copy of the open database (every table as of one committed state) to a new
    file named for the moment, atomically; returns its path."""
    folder = Path(to or directory())
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Named for the moment in fewer than 16 digits: a longer run of digits would read as a NIK.
    stamp = lockout.now().strftime("%Y-%m-%d_%H%M%S")
    target, again = folder / f"{PREFIX}{stamp}.duckdb", 1
    while target.exists():
        again += 1
        target = folder / f"{PREFIX}{stamp}_{again}.duckdb"
    cur = db.cursor()
    try:
        snapshot.publish(cur, target)
    finally:
        cur.close()
    os.chmod(target, 0o600)
    with db.transaction(clear_cache=False) as cur:
        audit.log(cur, actor, "backup", target.name, bytes=target.stat().st_size)
    return target


def listing(to: Path | None = None) -> pd.DataFrame:
    """The backups in the folder, newest first: file (name), path, written_at, size_mb."""
    folder = Path(to or directory())
    rows = [{"file": path.name, "path": path, "written_at": datetime.fromtimestamp(path.stat().st_mtime),
             "size_mb": path.stat().st_size / 1e6}
            for path in folder.glob(f"{PREFIX}*.duckdb")] if folder.is_dir() else []
    return pd.DataFrame(rows, columns=["file", "path", "written_at", "size_mb"]).sort_values(
        "written_at", ascending=False, ignore_index=True)


def restore(source: Path | str, actor: str) -> None:
    """Replace the programme's data by the backup's in one transaction: every table as it was in
    the backup, or (on any error) nothing changed. The audit log keeps its entries and gains one."""
    source = Path(source)
    if not source.is_file():
        raise BackupError("missing", file=source.name)
    con = db.connection(str(db.database_path()))
    try:
        con.execute(f"attach '{snapshot.quoted(source)}' as backup_in (read_only)")
    except duckdb.Error:
        raise BackupError("not_a_backup", file=source.name) from None
    try:
        missing = NEEDED_TABLES - set(db.query(con.cursor(), "backup_tables").table_name)
        if missing:
            raise BackupError("not_a_backup", file=source.name)
        with db.transaction() as cur:
            db.execute(cur, "restore_programme_data")
            db.query(cur, "advance_id_sequences")
            db.rebuild_summary(cur)
            # A new state of the data, even when the backup's ids match an earlier one.
            db.execute(cur, "insert_setting", key="restored_at", value=lockout.now().isoformat())
            audit.log(cur, actor, "restore", source.name)
    finally:
        con.execute("detach backup_in")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bebenah.backup", description="Back up or restore Pantau Bebenah's database.")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (("create", "write a backup"), ("list", "list the backups")):
        command = commands.add_parser(name, help=text)
        command.add_argument("--to", type=Path, help=f"the backups folder (default ${DIRECTORY} or data/backups)")
    commands.add_parser("restore", help="put a backup back (the audit log is kept)").add_argument("file", type=Path)
    args = parser.parse_args(argv)
    actor = f"cli:{getpass.getuser()}"
    try:
        db.connection(str(db.database_path()))
    except db.DatabaseBusy as busy:
        print(busy.words(), file=sys.stderr)
        return 2
    try:
        if args.command == "create":
            print(f"Wrote {create(actor, args.to)}")
        elif args.command == "list":
            table = listing(args.to)
            print(table.drop(columns="path").to_string(index=False) if not table.empty else "No backups yet.")
        else:
            restore(args.file, actor)
            print(f"Restored {args.file}; the audit log records it.")
    except BackupError as error:
        print(f"Error: {error.code} ({error.detail.get('file', '')})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
