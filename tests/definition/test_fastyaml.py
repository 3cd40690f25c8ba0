"""The libyaml fast path reads every definition exactly as ruamel does, or declines."""

from __future__ import annotations

import os
import random
from io import StringIO
from pathlib import Path

import pytest
from conftest import DEFINITIONS, shipped
from ruamel.yaml import YAML

from sopgen.definition import fastyaml
from sopgen.definition.source import _fast, decode, parse_with_ruamel, strip_controls
from sopgen.errors import UserError
from sopgen.samples import definition

CORPUS = Path(__file__).resolve().parent / "bad_inputs"
MUTATIONS = 5000 if os.environ.get("SOPGEN_HYPOTHESIS") == "lebih" else 800

pytestmark = pytest.mark.skipif(fastyaml._loader_class() is None, reason="PyYAML with libyaml is not installed")


def texts() -> list[tuple[str, str]]:
    found = [(p.name, p.read_text(encoding="utf-8-sig")) for p in shipped()]
    found.append(("organisasi.yaml", (DEFINITIONS / "organisasi.yaml").read_text(encoding="utf-8")))
    for path in sorted(CORPUS.rglob("*.yaml")):
        try:
            text, _ = strip_controls(path, decode(path, path.read_bytes()))
        except UserError:
            continue
        found.append((path.name, text))
    yaml = YAML()
    for seed in range(40):
        stream = StringIO()
        yaml.dump(definition(seed), stream)
        found.append((f"gen-{seed}", stream.getvalue()))
    rng = random.Random(7)
    alphabet = [":", " ", "-", "\n", "'", '"', "#", "[", "]", "{", "}", ",", "0", "a", "\t", "|", ">", "\u00a0"]
    base = [text for _, text in found[:5]]
    for index in range(MUTATIONS):
        text = list(rng.choice(base))
        for _ in range(rng.randint(1, 4)):
            spot = rng.randrange(len(text))
            if rng.random() < 0.5:
                text.insert(spot, rng.choice(alphabet))
            else:
                del text[spot]
        found.append((f"mutasi-{index}", "".join(text)))
    return found


@pytest.mark.slow
def test_fast_and_reference_readings_agree():
    fast_count = 0
    for name, text in texts():
        path = Path(name)
        fast = _fast(path, text)
        if fast is None:
            continue
        fast_count += 1
        try:
            reference = parse_with_ruamel(path, text)
        except UserError as exc:
            raise AssertionError(f"{name}: the fast path read what ruamel refuses: {exc}") from None
        assert fast.data == reference.data, name
        assert fast.value_pos == reference.value_pos, name
        assert fast.key_pos == reference.key_pos, name
        assert fast.warnings == reference.warnings, name
    assert fast_count > 300


def test_the_copied_typing_rules_are_ruamel_s():
    from ruamel.yaml.resolver import implicit_resolvers

    theirs = [(t, p.pattern, list(f)) for v, t, p, f in implicit_resolvers if (1, 2) in v]
    ours = [(f"tag:yaml.org,2002:{kind}", pattern, list(first)) for kind, pattern, first in fastyaml.IMPLICIT_1_2]
    assert ours == theirs
