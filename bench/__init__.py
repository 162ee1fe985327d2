"""The national-scale bench: `python -m bench` (see bench/__main__.py)."""

from pathlib import Path


def peak_rss_mb(pid: int | str = "self") -> float:
    """A process's high-water mark of resident memory in MB (VmHWM: unlike getrusage's ru_maxrss,
    not inherited from the process that started it)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")
