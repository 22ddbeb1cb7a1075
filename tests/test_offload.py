"""Large files and checks in the helper process (workshop/offload.py): the same answers
as in the server's own interpreter, from another process, and a helper that dies costs
one clear error, never the server."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from impact.deck import load_deck
from tests.factories import big_strategy
from workshop import offload
from workshop.checks import evaluate
from workshop.uploads import Uploads

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = [
    ROOT / "tests/real_exports/google_ads/Campaign report (1).csv",
    ROOT / "tests/real_exports/ga4/data-export.csv",
    ROOT / "tests/samples/crm_leads.csv",
]


@pytest.fixture
def helper(monkeypatch):
    """Every file and check counts as large; the helper is ended afterwards."""
    monkeypatch.setattr(offload, "OFFLOAD_FROM_BYTES", 1)
    monkeypatch.setattr(offload, "OFFLOAD_FROM_ROWS", 1)
    yield
    offload.shutdown()


def _reads(shared: bool, files=EXPORTS):
    uploads = Uploads(shared=shared)
    uploads.keep_all((path.name, path.read_bytes()) for path in files)
    return uploads.read_all()


def test_the_helper_is_another_process(helper):
    assert offload._run(os.getpid) != os.getpid()


def test_files_read_in_the_helper_are_the_files_read_here(helper):
    there, here = _reads(True), _reads(False)
    assert [r.name for r in there] == [r.name for r in here]
    for a, b in zip(there, here, strict=True):
        assert (a.signature, a.error, a.result.mapping, a.result.warnings, a.result.rows_read) == (
            b.signature,
            b.error,
            b.result.mapping,
            b.result.warnings,
            b.result.rows_read,
        )
        pd.testing.assert_frame_equal(a.result.table, b.result.table)


def test_a_refusal_from_the_helper_keeps_its_code_and_detail(helper, tmp_path):
    broken = tmp_path / "broken.csv"
    broken.write_bytes(b"Date,Notes\n2026-10-01,hello\n")
    [there], [here] = _reads(True, [broken]), _reads(False, [broken])
    assert there.error is not None and here.error is not None
    assert (there.error.code, there.error.detail) == (here.error.code, here.error.detail)


def test_a_check_in_the_helper_gives_the_check_made_here(helper):
    deck = load_deck()
    strategy = big_strategy(deck, 30)
    reads = _reads(False)
    there = evaluate(strategy, deck.cards, reads, shared=True)
    here = evaluate(strategy, deck.cards, reads, shared=False)
    assert [r.as_json() for r in there.report.results] == [r.as_json() for r in here.report.results]
    assert there.notices == here.notices and there.files is reads


def test_a_helper_that_dies_costs_one_clear_error_and_the_next_file_gets_a_new_one(helper):
    with pytest.raises(offload.HelperFailed):
        offload._run(os._exit, 1)  # as the kernel's out-of-memory killer would end it
    assert offload._run(os.getpid) != os.getpid()
    [read] = _reads(True, EXPORTS[:1])
    assert read.error is None


def test_a_file_whose_helper_ended_is_refused_in_words_and_the_check_in_words(helper, monkeypatch):
    from impact.wording import export_text
    from workshop import WorkshopError

    def ended(*_args):
        raise offload.HelperFailed

    monkeypatch.setattr(offload, "_run", ended)
    [read] = _reads(True, EXPORTS[:1])
    assert read.error is not None and read.error.code == "helper_ended"
    assert "Hilfsprozess" in export_text("helper_ended", "", "de") and "helper process" in export_text(
        "helper_ended", "", "en"
    )
    deck = load_deck()
    with pytest.raises(WorkshopError) as refused:
        evaluate(big_strategy(deck, 5), deck.cards, _reads(False, EXPORTS[:1]), shared=True)
    assert refused.value.code == "check_failed" and "out of memory" in refused.value.text("en")


def test_the_helpers_end_when_the_app_process_is_gone():
    """An app process that stops without cleaning up (killed, crashed) leaves no helper
    behind: the fork server and the helper each watch their parent."""
    import subprocess
    import sys
    import time

    script = (
        "import os, sys\n"
        "from multiprocessing import forkserver\n"
        "from workshop import offload\n"
        "helper = offload._run(os.getpid)\n"
        "print(helper, forkserver._forkserver._forkserver_pid, flush=True)\n"
        "os._exit(0)\n"  # no atexit, no executor shutdown: as a killed process
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    pids = [int(p) for p in done.stdout.split()]
    deadline = time.monotonic() + 15
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in _state(p)]
    assert not alive, f"helpers still running: {alive}"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
