"""`sopgen preview` among other SOPs and under a changing folder: regenerating one SOP's PNG pages
never removes another's, and `--watch` follows a folder that is deleted or replaced."""

from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import ORGANISATION, VALID
from pypdf import PdfReader

from sopgen.preview import render, watch_loop


def test_png_pages_of_a_sop_whose_name_extends_another_are_kept(folder, tmp_path):
    out = tmp_path / "pratinjau"
    names = ["a", "a-b", "sop", "sop-2"]
    for name in names:
        render(folder(VALID.replace("nomor: X.01", f"nomor: {name}"), f"{name}.yaml"), out, png=True)
    (out / "a-7.png").write_bytes(b"stale page of a")
    (out / "sop-3.png").write_bytes(b"stale page of sop")
    for name in ["a", "sop"]:
        render(folder.path / f"{name}.yaml", out, png=True)
    assert sorted(p.name for p in out.glob("*.png")) == sorted(f"{name}-1.png" for name in names)


def start_watch(source: Path, out: Path, stop_after: int) -> threading.Thread:
    worker = threading.Thread(
        target=watch_loop, args=(source, out, False, lambda _: None, lambda _: None, stop_after), daemon=True
    )
    worker.start()
    time.sleep(0.5)
    return worker


def write_folder(folder: Path, title: str) -> None:
    folder.mkdir()
    (folder / "organisasi.yaml").write_text(ORGANISATION, encoding="utf-8")
    (folder / "sop.yaml").write_text(VALID.replace("judul: Contoh", f"judul: {title}"), encoding="utf-8")


def title(pdf: Path) -> str:
    try:
        return str(PdfReader(pdf).metadata["/Title"])
    except (OSError, ValueError, KeyError, TypeError):
        return ""


@pytest.mark.slow
@pytest.mark.parametrize("how", ["deleted", "replaced"])
def test_watch_follows_a_folder_that_is_deleted_or_replaced(tmp_path, how):
    definitions = tmp_path / "definitions"
    write_folder(definitions, "Contoh")
    source, out = definitions / "sop.yaml", tmp_path / "pratinjau"
    render(source, out)
    worker = start_watch(source, out, stop_after=8)
    if how == "deleted":
        shutil.rmtree(definitions)
        time.sleep(0.3)
        write_folder(definitions, "Contoh Pulih")
    else:  # a sync tool: the new folder is written beside the old one and renamed over it
        write_folder(tmp_path / "baru", "Contoh Pulih")
        os.rename(definitions, tmp_path / "lama")
        os.rename(tmp_path / "baru", definitions)
    time.sleep(0.5)
    saved = VALID.replace("judul: Contoh", "judul: Contoh Disimpan")
    deadline = time.time() + 10
    while time.time() < deadline and "Contoh Disimpan" not in title(out / "X.01.pdf"):
        source.write_text(saved, encoding="utf-8")
        time.sleep(0.3)
    assert "Contoh Disimpan" in title(out / "X.01.pdf")
    while time.time() < deadline and worker.is_alive():  # every further save counts to stop_after
        source.write_text(saved, encoding="utf-8")
        time.sleep(0.1)
    worker.join(timeout=5)
    assert not worker.is_alive()
