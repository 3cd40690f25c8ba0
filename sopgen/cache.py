"""Laid-out SOPs kept beside the outputs, so `sopgen book` reuses what `sopgen build` laid out.

`build` stores each SOP it lays out under `output/.sopgen-cache/`, stamped with the same fingerprint
the manifest uses (the definition, its organisation profile, the SOPs it links to, sopgen's code);
`book` takes a stored layout whose stamp still matches and lays out only the others.

The store is a pickle, which runs code when read: every file is signed with a key kept in the user's
own folder (`~/.sopgen/kunci-cache`, or `$SOPGEN_HOME`), and a file whose signature does not match is
never unpickled. Nothing here is needed for correctness: any failure means laying the SOP out again.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
from pathlib import Path
from typing import Any

CACHE_FOLDER = ".sopgen-cache"
MAGIC = b"SOPGEN-TATA-LETAK-1\n"
KEY_NAME = "kunci-cache"


def _home() -> Path:
    configured = os.environ.get("SOPGEN_HOME")
    return Path(configured) if configured else Path.home() / ".sopgen"


def _key() -> bytes | None:
    """The user's signing key, made on first use; None where it cannot be read or made."""
    path = _home() / KEY_NAME
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{KEY_NAME}.{os.getpid()}.tmp")
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(32))
        try:
            os.link(temp, path)  # the first process to make a key wins; the others read it
        except FileExistsError:
            pass
        except OSError:  # no hard links here (some Windows shares): take the rename, last one wins
            os.replace(temp, path)
        finally:
            temp.unlink(missing_ok=True)
        key = path.read_bytes()
        return key if len(key) == 32 else None
    except OSError:
        return None


def cache_path(out: Path, stem: str) -> Path:
    return out / CACHE_FOLDER / f"{stem}.pickle"


def store(out: Path, stem: str, fingerprint: str, payload: Any) -> None:
    """Keep `payload` for the SOP named `stem`, stamped with `fingerprint`; silently skipped on failure."""
    key = _key()
    if key is None:
        return
    try:
        body = fingerprint.encode() + b"\n" + pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    signature = hmac.new(key, body, hashlib.sha256).digest()
    path = cache_path(out, stem)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_bytes(MAGIC + signature + body)
        os.replace(temp, path)
    except OSError:
        try:
            temp.unlink()
        except OSError:
            pass


def fetch(out: Path, stem: str, fingerprint: str) -> Any | None:
    """The payload kept for `stem` when its stamp is `fingerprint` and its signature is ours; else None."""
    key = _key()
    if key is None:
        return None
    try:
        data = cache_path(out, stem).read_bytes()
    except OSError:
        return None
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 32:
        return None
    signature, body = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    if not hmac.compare_digest(signature, hmac.new(key, body, hashlib.sha256).digest()):
        return None
    stamp, _, pickled = body.partition(b"\n")
    if stamp.decode(errors="replace") != fingerprint:
        return None
    try:
        return pickle.loads(pickled)
    except Exception:  # noqa: BLE001 - a store from another sopgen version: lay the SOP out again
        return None
