"""Fetch the uv binary from the Python Package Index with nothing but the standard
library: a fresh Debian has python3 but maybe neither pip nor venv, and uv needs
neither to build the app's environment. The wheel's SHA-256 is checked against the
index before its binary is unpacked to .tools/uv."""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import stat
import sys
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

VERSION = os.environ.get("UV_VERSION", "0.13.9")
INDEX = os.environ.get("UV_INDEX_JSON", "https://pypi.org/pypi/uv/json")
ARCHES = {"x86_64": "x86_64", "amd64": "x86_64", "aarch64": "aarch64", "arm64": "aarch64"}


def main(target: Path) -> int:
    arch = ARCHES.get(platform.machine().lower())
    if sys.platform != "linux" or arch is None:
        print(f"setup: no uv wheel for {sys.platform} {platform.machine()}; install uv yourself (pip install uv)")
        return 1
    with urllib.request.urlopen(INDEX, timeout=60) as answer:  # noqa: S310 - a fixed https URL
        project = json.load(answer)
    files = project.get("releases", {}).get(VERSION) or []
    musl = any(Path(f"/lib/ld-musl-{a}.so.1").exists() for a in ("x86_64", "aarch64"))
    libc = "musllinux" if musl else "manylinux"
    wheels = [
        f
        for f in files
        if f["filename"].endswith(".whl") and f"{libc}_" in f["filename"] and f["filename"].endswith(f"{arch}.whl")
    ]
    if not wheels:
        print(f"setup: the package index has no uv {VERSION} wheel for {libc} {arch}")
        return 1
    wheel = wheels[0]
    url = urllib.parse.urljoin(INDEX, wheel["url"])  # a mirror of the index may answer with relative links
    with urllib.request.urlopen(url, timeout=300) as answer:  # noqa: S310 - the index's own https URL
        data = answer.read()
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        print("setup: the downloaded uv wheel does not match the index's checksum; not used")
        return 1
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        member = next(n for n in archive.namelist() if n.endswith("/scripts/uv"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(member))
    target.chmod(target.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(".tools/uv")))
