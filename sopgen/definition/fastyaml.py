"""YAML text -> node tree with positions, through libyaml (C), for the common case of a valid file.

ruamel's round-trip parser, pure Python, takes most of the time of reading a definition. PyYAML's C
parser gives the same node tree with the same line and column marks several times faster. It is
used only where it reads exactly as ruamel (YAML 1.2): the implicit types are ruamel's own YAML 1.2
rules, and anything unusual (a parse error, a duplicate key, a tag, an anchor, a merge key, an int
written with a leading zero or in another base) returns None, so the caller reads the file with
ruamel, which also gives the precise Indonesian message. tests/definition/test_fastyaml.py checks
that both paths give the same data, positions and warnings.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

PLAIN_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
PLAIN_FLOAT = re.compile(r"^[-+]?[0-9]+\.[0-9]+$")
STANDARD = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:timestamp",
}


IMPLICIT_1_2 = (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (
        "float",
        r"""^(?:
         [-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\.(?:inf|Inf|INF)
        |\.(?:nan|NaN|NAN))$""",
        "-+0123456789.",
    ),
    (
        "int",
        r"""^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        "-+0123456789",
    ),
    ("merge", r"^(?:<<)$", "<"),
    (
        "null",
        r"""^(?: ~
        |null|Null|NULL
        | )$""",
        ["~", "n", "N", ""],
    ),
    (
        "timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
        (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        "0123456789",
    ),
    ("value", r"^(?:=)$", "="),
    ("yaml", r"^(?:!|&|\*)$", "!&*"),
)
"""ruamel.yaml's implicit typing rules for YAML 1.2 (`ruamel.yaml.resolver.implicit_resolvers`),
copied so that reading a definition does not import ruamel; test_fastyaml checks they still match."""


class Unusual(Exception):
    """Something the fast path does not read exactly as ruamel would: read the file with ruamel."""


@lru_cache(maxsize=1)
def _loader_class() -> Any:
    try:
        import yaml
        from yaml.cyaml import CParser as parser
    except ImportError:  # PyYAML without libyaml: ruamel reads everything
        return None

    class Resolver(yaml.resolver.BaseResolver):
        yaml_implicit_resolvers: dict[str, list[tuple[str, Any]]] = {}

    for kind, pattern, first in IMPLICIT_1_2:
        Resolver.add_implicit_resolver(f"tag:yaml.org,2002:{kind}", re.compile(pattern, re.X), list(first))

    class Loader(parser, Resolver):
        def __init__(self, stream: str) -> None:
            parser.__init__(self, stream)
            Resolver.__init__(self)

    return Loader


def compose(text: str) -> Any:
    """The node tree of `text`, or None when libyaml is not installed or the text does not parse."""
    loader_class = _loader_class()
    if loader_class is None:
        return None
    import yaml

    loader = loader_class(text)
    try:
        return loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()


def scalar(node: Any) -> Any:
    """A scalar node's value as ruamel (YAML 1.2, dates kept as text) gives it; Unusual otherwise."""
    tag, value = node.tag, node.value
    if tag not in STANDARD or (value == "" and not node.style):
        raise Unusual(tag)  # an empty value: libyaml marks it where ruamel does not
    if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int" and PLAIN_INT.match(value):
        return int(value)
    if tag == "tag:yaml.org,2002:float" and PLAIN_FLOAT.match(value):
        return float(value)
    raise Unusual(value)
