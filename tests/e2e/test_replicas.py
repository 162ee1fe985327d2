"""A national deployment on 127.0.0.1: nginx (Debian's) in front of two read-only app processes
serving the copy a writer publishes; every monitoring page answers before, during and after a
commit, and shows the new figures once the copy is published."""

import re
import subprocess
import threading
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

import accounts
from bebenah import db, forms, i18n, ingest, snapshot
from browser import free_port, sign_in, start_server, wait_ready

NGINX = Path("/usr/sbin/nginx")
MONITORING = ("", "kemajuan", "cakupan", "kontribusi")
CONTRIBUTIONS = "Kontribusi (nilai rupiah)"


def nginx_config(folder: Path, port: int, readers: list[str]) -> Path:
    """Sticky sessions (a Streamlit session lives in the process holding its WebSocket, and its file
    uploads must reach that process too), WebSockets passed through, every file nginx writes inside
    `folder` so that it runs as any user."""
    servers = "\n".join(f"        server {reader.removeprefix('http://')};" for reader in readers)
    temp = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    config = folder / "nginx.conf"
    config.write_text(f"""
daemon off;
worker_processes 1;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'};
events {{ worker_connections 256; }}
http {{
    log_format upstream '$request_uri $upstream_addr $status';
    access_log {folder / 'access.log'} upstream;
{temp}
    upstream bebenah {{
        ip_hash;
{servers}
    }}
    map $http_upgrade $connection_upgrade {{ default upgrade; '' close; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://bebenah;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_read_timeout 300s;
        }}
    }}
}}
""")
    return config


def wait_healthy(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                assert response.read() == b"ok"
                return
        except OSError:
            assert time.monotonic() < deadline and process.poll() is None, process.stdout.read().decode()
            time.sleep(0.2)


@pytest.fixture
def deployment(fixture_template, tmp_path, monkeypatch):
    """A writer (this process) publishing to tmp_path, two readers over the copy, nginx in front:
    (the nginx URL, the readers' URLs, nginx's access log)."""
    assert NGINX.exists(), f"nginx not found at {NGINX}: run `bash scripts/test` or apt-get install nginx-light"
    writer, published = tmp_path / "writer.duckdb", tmp_path / "published.duckdb"
    writer.write_bytes(fixture_template.read_bytes())
    monkeypatch.setenv("BEBENAH_DB", str(writer))
    monkeypatch.setenv(snapshot.ENVIRONMENT, str(published))
    monkeypatch.delenv(db.READ_ONLY, raising=False)
    db.connection.clear()
    db.clear_caches()
    snapshot.publish(db.cursor(), published)
    readers = [start_server(published, {db.READ_ONLY: "1", db.SIDE_DB: str(tmp_path / f"side_{n}.duckdb")})
               for n in range(2)]
    port = free_port()
    config = nginx_config(tmp_path, port, [url for _, url in readers])
    balancer = subprocess.Popen([str(NGINX), "-p", str(tmp_path), "-c", str(config)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, balancer)
        yield url, [reader_url for _, reader_url in readers], tmp_path / "access.log"
    finally:
        balancer.terminate()
        balancer.wait(timeout=20)
        for process, _ in readers:
            process.terminate()
            process.wait(timeout=20)
        db.connection.clear()
        db.clear_caches()


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_ready(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.locator("h1").first).to_be_visible()


def contributions_shown(page, url: str) -> str:
    open_page(page, url)
    metric = page.get_by_test_id("stMetric").filter(has_text=CONTRIBUTIONS)
    return metric.get_by_test_id("stMetricValue").inner_text()


def contributions() -> float:
    """The overview's rupiah total as the writer computes it now (the default period)."""
    return db.run("overview_headline", dari=date(2023, 9, 13), sampai=date.today()).kontribusi_idr.iloc[0]


def test_readers_behind_nginx_answer_throughout_a_commit_and_show_it_once_published(deployment, page):
    url, readers, access_log = deployment
    sign_in(page, url, "ani", accounts.PASSWORD)  # an admin, through nginx: the reader records it in its side file
    before = contributions()
    assert contributions_shown(page, url) == i18n.rupiah_short(before, "id")
    for name in MONITORING[1:]:
        open_page(page, f"{url}/{name}")

    # The writer commits an upload (one contribution of Rp10 juta) while the browser keeps reading.
    checked = ingest.check(db.cursor(), ingest.read(forms.template_csv("kontribusi"), "kontribusi.csv"))
    assert checked.problems.empty
    committing = threading.Thread(target=ingest.commit, args=(checked, "ani"))
    committing.start()
    passes = 0
    while committing.is_alive() or passes == 0:
        for name in MONITORING:
            open_page(page, f"{url}/{name}")
        passes += 1
    committing.join()

    after = contributions()
    assert after - before == 10_000_000  # the template's one contribution
    for reader in [url, *readers]:  # through nginx, and each reader on its own (the sign-in cookie holds)
        assert contributions_shown(page, reader) == i18n.rupiah_short(after, "id")
    for name in MONITORING[1:]:
        open_page(page, f"{url}/{name}")

    # One browser, one reader: every request nginx passed on went to the same process.
    upstreams = {line.split()[1] for line in access_log.read_text().splitlines() if line.split()[1] != "-"}
    assert len(upstreams) == 1 and upstreams <= {reader.removeprefix("http://") for reader in readers}

    # Uploads, their history and the audit log are the writer's; the rest of an admin's pages stay.
    links = page.get_by_test_id("stSidebarNavLink")
    for writer_only in ("Unggah", "Riwayat", "Log audit"):
        expect(links.filter(has_text=re.compile(f"^{writer_only}"))).to_have_count(0)
    expect(links.filter(has_text="Templat")).to_have_count(1)
    page.goto(f"{url}/unggah")
    wait_ready(page)
    expect(page.get_by_text("Ini salinan baca-saja")).to_be_visible()
    expect(page.get_by_test_id("stFileUploaderDropzoneInput")).to_have_count(0)
