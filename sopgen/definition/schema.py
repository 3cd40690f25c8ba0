"""JSON Schema of the definition format, exported from the model for editors."""

from __future__ import annotations

from typing import Any

from .model import Organisasi, Sop


def sop_schema() -> dict[str, Any]:
    schema = Sop.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Definisi SOP AP (sopgen)"
    schema.setdefault("$defs", {})["Organisasi"] = Organisasi.model_json_schema()
    return schema
