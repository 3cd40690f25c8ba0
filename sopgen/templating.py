"""The `templates/` folder (Jinja templates, and fixed Office parts in plain XML), found in an installed
package or in a checkout; rendering a Jinja template."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import Environment

from .xmlchars import strip_forbidden

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """`sopgen/templates` in a wheel install, `templates/` beside the package in a checkout."""
    for candidate in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("folder templat sopgen tidak ditemukan; pasang ulang sopgen")


def xml_text(value: object) -> str:
    """Text with the characters XML 1.0 forbids removed (control characters, lone surrogates)."""
    return strip_forbidden(str(value))


def yaml_str(value: object) -> str:
    """A double-quoted YAML scalar."""
    text = xml_text(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


@lru_cache(maxsize=1)
def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # only where a template is rendered

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=lambda name: name is not None and name.endswith(".xml.j2"),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["xmltext"] = xml_text
    env.filters["yaml_str"] = yaml_str
    return env


def render(name: str, **context: object) -> str:
    return environment().get_template(name).render(**context)
