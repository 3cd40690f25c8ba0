"""`sopgen monev ...`: the monitoring and evaluation forms and their recap (commands import their work lazily)."""

from __future__ import annotations

import typer

from .cli_text import Group

monev_app = typer.Typer(
    cls=Group,
    help="Monitoring dan evaluasi SOP AP: membuat formulir dan merekap hasilnya.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
