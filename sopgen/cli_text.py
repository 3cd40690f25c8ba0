"""The command-line framework's own words (usage, help sections, errors) in Indonesian.

Typer prints them in English; its command classes here translate the help it formats, and
`usage_error` writes a usage error the way Typer would, in Indonesian. Placeholders are set on
each option in cli.py (`BERKAS/FOLDER`, `N`, ...), so no type name reaches the user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup

Replacement = str | Callable[[re.Match[str]], str]

HELP: list[tuple[str, Replacement]] = [
    (r"^Usage: ", "Penggunaan: "),
    (r"\[OPTIONS\]", "[PILIHAN]"),
    (r"COMMAND \[ARGS\]\.\.\.", "PERINTAH [ARGUMEN]..."),
    (r"^Options:$", "Pilihan:"),
    (r"^Arguments:$", "Argumen:"),
    (r"^Commands:$", "Perintah:"),
    (r"Show this message and exit\.", "Tampilkan bantuan ini lalu keluar."),
    (r"\[default:(\s+)", r"[bawaan:\1"),
    (r"\{([A-Z/]+)\}", r"\1"),
    (r"\[required\]", "[wajib]"),
    (r"\[x>=1\]", "[paling sedikit 1]"),
]

ERRORS: list[tuple[str, Replacement]] = [
    (r"^Missing argument '([^']+)'\.$", r"argumen \1 belum diisi"),
    (r"^Missing option '([^']+)'\.$", r"pilihan \1 wajib diisi"),
    (r"^Missing command\.$", "perintah belum disebut; lihat daftar perintah di atas"),
    (r"^No such command '([^']+)'\. Did you mean '([^']+)'\?$", r"perintah `\1` tidak dikenal; maksudnya `\2`?"),
    (r"^No such command '([^']+)'\.$", r"perintah `\1` tidak dikenal"),
    (
        r"^No such option: (\S+) \(Possible options: (.+)\)$",
        r"pilihan \1 tidak dikenal; maksudnya salah satu dari: \2?",
    ),
    (r"^No such option: (\S+)\s*Did you mean (\S+)\?$", r"pilihan \1 tidak dikenal; maksudnya \2?"),
    (r"^No such option: (\S+)$", r"pilihan \1 tidak dikenal"),
    (r"^Option '([^']+)' requires an argument\.$", r"pilihan \1 memerlukan nilai"),
    (r"^Option '([^']+)' does not take a value\.$", r"pilihan \1 tidak menerima nilai"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"argumen berlebih: \1"),
    (
        r"^Invalid value for '([^']+)'(?: / '[^']+')?: (.+)$",
        lambda m: f"nilai {m.group(1)} tidak sah: {_value(m.group(2))}",
    ),
]

VALUES: list[tuple[str, str]] = [
    (r"valid integer", "harus bilangan bulat"),
    (r"greater than or equal to (\d+)|range x>=(\d+)", "harus paling sedikit 1"),
    (r"is not one of|Input should be", "nilai ini tidak dikenal"),
    (r"does not exist", "tidak ditemukan"),
]


def _apply(text: str, table: list[tuple[str, Replacement]]) -> str:
    for pattern, replacement in table:
        text = re.sub(pattern, replacement, text, flags=re.MULTILINE)
    return text


def _value(message: str) -> str:
    for pattern, words in VALUES:
        if re.search(pattern, message):
            return words
    return "periksa penulisannya"


def translate_help(text: str) -> str:
    return _apply(text, HELP)


def translate_error(message: str) -> str:
    """An error of the framework in Indonesian; one it does not know becomes a plain pointer to help."""
    for pattern, replacement in ERRORS:
        if re.search(pattern, message, flags=re.MULTILINE):
            return re.sub(pattern, replacement, message, flags=re.MULTILINE)
    return "perintah ini tidak dapat dibaca; periksa penulisannya"


def _no_type(self: TyperArgument, ctx: Any) -> str:
    return ""


# An argument's help shows its placeholder (`BERKAS/FOLDER`), never Python's type (`<list[Path]>`).
TyperArgument.display_type_rich = _no_type  # type: ignore[method-assign, assignment]


class Command(TyperCommand):
    def get_help(self, ctx: Any) -> str:
        return translate_help(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return translate_help(super().get_usage(ctx))


class Group(TyperGroup):
    def get_help(self, ctx: Any) -> str:
        return translate_help(super().get_help(ctx))

    def get_usage(self, ctx: Any) -> str:
        return translate_help(super().get_usage(ctx))


def is_usage_error(exc: BaseException) -> bool:
    return hasattr(exc, "format_message") and hasattr(exc, "ctx") and getattr(exc, "exit_code", 0) == 2


def usage_error(exc: Any) -> int:
    """Print a usage error as Typer would, in Indonesian; return its exit code."""
    ctx = exc.ctx
    if ctx is not None:
        typer.echo(ctx.get_usage(), err=True)
        typer.echo(f"Coba `{ctx.command_path} --help` untuk bantuan.\n", err=True)
    typer.echo(f"Kesalahan: {translate_error(exc.format_message())}", err=True)
    return int(exc.exit_code)


def date_option(value: str, spaces_allowed: bool = False) -> dt.date:
    """The date an option gives (`--tanggal TTTT-BB-HH`); else an Indonesian usage error, exit code 2."""
    try:
        return dt.date.fromisoformat(value.strip() if spaces_allowed else value)
    except ValueError:
        typer.echo(f"Tanggal `{value}` tidak sah; tulis sebagai TTTT-BB-HH.", err=True)
        raise typer.Exit(2) from None
