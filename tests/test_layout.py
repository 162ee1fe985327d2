"""The codebase's rules as checks (docs/ARCHITECTURE.md): pages are short scripts of declared parts,
SQL lives in queries/, rule modules and screen declarations draw nothing, the area predicate is
written once, and the architecture document names every part."""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted((ROOT / "app_pages").glob("*.py"))
PAGE_LINES = 80
# What may draw (st.*): the pages, the shared page pieces, the upload page's pieces, the charts' show(), sign-in, language.
DRAWING = {"page.py", "upload_view.py", "accounts_view.py", "meeting_view.py", "presentation.py", "charts.py", "login.py", "i18n.py", "db.py", "users.py"}
RULE_MODULES = sorted(path for path in (ROOT / "bebenah").rglob("*.py") if path.name not in DRAWING
                      or path.parent.name in ("ingest", "screens", "demo"))
# The door manages its connection (attach, search_path, a copy for readers): no other Python holds SQL.
DOOR = {"db.py", "snapshot.py"}
SQL = re.compile(r"(?is)^\s*(select|insert|update|delete|with|create|drop|copy)\b.+\b(from|into|table|set|as)\b")


def python_files():
    return [*PAGES, ROOT / "app.py", *(path for path in (ROOT / "bebenah").rglob("*.py"))]


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_every_page_is_a_short_script(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines < PAGE_LINES, f"{path.name} has {lines} lines"


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda path: str(path.relative_to(ROOT)))
def test_rule_modules_and_screen_declarations_draw_nothing(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [node.lineno for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "st"]
    imports = [node.lineno for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
               and any(alias.name == "streamlit" for alias in node.names)
               or isinstance(node, ast.ImportFrom) and node.module == "streamlit"]
    assert not calls and not imports, f"{path.name}: st.* at lines {calls or imports}"


@pytest.mark.parametrize("path", python_files(), ids=lambda path: str(path.relative_to(ROOT)))
def test_sql_lives_in_queries_only(path):
    if path.name in DOOR and path.parent.name == "bebenah":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = [node.lineno for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL.match(node.value)]
    assert not found, f"{path.name}: SQL at lines {found}"


def test_the_area_predicates_are_written_once():
    spelled = re.compile(r"(?i)\$(kota|kecamatan|kelurahan|wilayah_akses) is null|starts_with\(kode_kelurahan")
    copies = [path.name for path in (ROOT / "queries").glob("*.sql")
              if path.name != "create_filters.sql" and spelled.search(path.read_text(encoding="utf-8"))]
    assert copies == []


def test_every_query_is_used_and_every_used_query_exists():
    names = {path.stem for path in (ROOT / "queries").glob("*.sql")}
    code = "\n".join(path.read_text(encoding="utf-8") for path in [*python_files(), *(ROOT / "bench").glob("*.py")])
    # A family of queries named by kind, f"validate_{kind}": each member counts as used.
    families = set(re.findall(r"f[\"']([a-z_]+?)_\{", code))
    unused = sorted(name for name in names if not re.search(rf"\b{name}\b", code)
                    and not any(name.startswith(f"{family}_") for family in families))
    assert unused == []


def test_the_architecture_document_names_every_module_and_page():
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    parts = [path.relative_to(ROOT).as_posix() for path in PAGES]
    parts += [f"bebenah/{path.stem}" for path in (ROOT / "bebenah").glob("*.py") if path.stem != "__init__"]
    parts += [f"bebenah/{path.name}/" for path in (ROOT / "bebenah").iterdir() if path.is_dir() and path.name != "__pycache__"]
    missing = [part for part in parts if part.removesuffix(".py").split("/")[-1].strip("/") not in text]
    assert missing == []
