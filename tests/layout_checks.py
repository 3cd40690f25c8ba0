"""Invariants every laid-out document must keep; returns readable problems (empty when sound)."""

from __future__ import annotations

from collections import Counter

from sopgen import fontmetrics
from sopgen.layout.document import Box, LaidOutDocument, Shape


def _on_outline(shape: Shape, point: tuple[float, float], tol: float = 0.6) -> bool:
    box = shape.box
    x, y = point
    if not box.grow(tol).contains(point):
        return False
    inner = box.grow(-tol)
    return not (
        inner.w > 0 and inner.h > 0 and inner.x < x < inner.right and inner.y < y < inner.bottom
    ) or shape.kind in ("decision", "terminator")


def _segment_box(a, b) -> Box:
    return Box(min(a[0], b[0]), min(a[1], b[1]), abs(a[0] - b[0]), abs(a[1] - b[1]))


def problems(document: LaidOutDocument) -> list[str]:
    found: list[str] = []
    edges = document.column_edges
    lanes_left = edges[document.lanes[0]]
    lanes_right = edges[document.lanes[-1] + 1]
    letters: Counter[str] = Counter()
    for page in document.pages:
        where = f"halaman {page.number}"
        shapes = {s.id: s for s in page.shapes}
        table = page.table("prosedur")
        if page.steps:
            assert table is not None
            if [r.kind for r in table.rows[:2]] != ["header", "header"]:
                found.append(f"{where}: baris judul tabel tidak diulang")
            rows = {r.step: r for r in table.rows if r.step is not None}
        for shape in page.shapes:
            if not (lanes_left <= shape.box.x and shape.box.right <= lanes_right):
                found.append(f"{where}: {shape.id} di luar kolom pelaksana")
            if shape.step is not None:
                row = rows[shape.step]
                if not (row.y <= shape.box.y and shape.box.bottom <= row.y + row.h):
                    found.append(f"{where}: {shape.id} keluar dari barisnya")
                for lane in shape.lanes:
                    left, right = edges[document.lanes[lane]], edges[document.lanes[lane] + 1]
                    if not (shape.box.x < (left + right) / 2 < shape.box.right):
                        found.append(f"{where}: {shape.id} tidak berada di lajur {lane + 1}")
            else:
                letters[shape.text] += 1
        for block in page.blocks:
            for cell in getattr(block, "cells", ()):
                for line in cell.lines:
                    right = line.x + fontmetrics.width(line.text, line.size, line.bold)
                    if line.x < cell.box.x - 0.01 or right > cell.box.right + 0.01:
                        found.append(f"{where}: teks {line.text[:20]!r} keluar dari sel (mendatar)")
                    if line.baseline - line.size * 0.9 < cell.box.y - 0.01 or line.baseline > cell.box.bottom:
                        found.append(f"{where}: teks {line.text[:20]!r} keluar dari sel (menegak)")
        ordered = list(page.shapes)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if a.box.overlaps(b.box):
                    found.append(f"{where}: {a.id} menimpa {b.id}")
        for conn in page.connectors:
            pts = conn.points
            if len(pts) < 2:
                found.append(f"{where}: {conn.id} terlalu pendek")
                continue
            src, dst = shapes.get(conn.source), shapes.get(conn.target)
            if src is None or dst is None:
                found.append(f"{where}: {conn.id} menunjuk simbol yang tidak ada")
                continue
            if not _on_outline(src, pts[0]):
                found.append(f"{where}: {conn.id} tidak berawal di {src.id} {pts[0]}")
            if not _on_outline(dst, pts[-1]):
                found.append(f"{where}: {conn.id} tidak berakhir di {dst.id} {pts[-1]}")
            for a, b in zip(pts, pts[1:]):
                if abs(a[0] - b[0]) > 0.01 and abs(a[1] - b[1]) > 0.01:
                    found.append(f"{where}: {conn.id} tidak ortogonal")
                if not (lanes_left - 0.01 <= min(a[0], b[0]) and max(a[0], b[0]) <= lanes_right + 0.01):
                    found.append(f"{where}: {conn.id} masuk ke kolom teks")
            for index, (a, b) in enumerate(zip(pts, pts[1:])):
                seg = _segment_box(a, b).grow(0.01)
                for shape in page.shapes:
                    if (index == 0 and shape is src) or (index == len(pts) - 2 and shape is dst):
                        continue
                    if shape.box.grow(-0.5).overlaps(seg):
                        found.append(f"{where}: {conn.id} menembus {shape.id}")
    for letter, count in letters.items():
        if count % 2:
            found.append(f"penghubung {letter} tidak berpasangan")
    return found
