"""LaidOutDocument -> readable text, for golden tests and `sopgen layout`."""

from __future__ import annotations

from .document import LaidOutDocument, Spacer, Table, TextBlock


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def dump(document: LaidOutDocument) -> str:
    out = [
        f"kertas {document.paper} {_n(document.width)}x{_n(document.height)} pt, {len(document.pages)} halaman",
        "kolom " + " ".join(_n(w) for w in document.columns),
    ]
    for page in document.pages:
        out.append(f"halaman {page.number}: langkah {', '.join(str(s + 1) for s in page.steps) or '-'}")
        for block in page.blocks:
            if isinstance(block, Table):
                rows = " ".join((f"[{r.step + 1}]" if r.step is not None else r.kind[0]) + _n(r.h) for r in block.rows)
                out.append(f"  tabel {block.kind} y={_n(block.box.y)} baris {rows}")
            elif isinstance(block, TextBlock):
                out.append(f"  judul y={_n(block.box.y)} {block.paras[0].text!r}")
            elif isinstance(block, Spacer):
                out.append(f"  jarak y={_n(block.box.y)} h={_n(block.box.h)}")
        for shape in page.shapes:
            b = shape.box
            lanes = ",".join(str(i + 1) for i in shape.lanes)
            extra = f" lajur {lanes}" if lanes else f" huruf {shape.text}"
            out.append(f"  simbol {shape.id} {shape.kind}{extra} ({_n(b.x)},{_n(b.y)} {_n(b.w)}x{_n(b.h)})")
        for conn in page.connectors:
            pts = " ".join(f"({_n(x)},{_n(y)})" for x, y in conn.points)
            out.append(f"  panah {conn.source} -> {conn.target} [{conn.kind}] {pts}")
        for label in page.labels:
            out.append(f"  label {label.text!r} ({_n(label.box.x)},{_n(label.box.y)})")
        for link in page.links:
            b = link.box
            out.append(f"  tautan {link.target} -> {link.file} ({_n(b.x)},{_n(b.y)} {_n(b.w)}x{_n(b.h)})")
    return "\n".join(out) + "\n"
