"""All Block Kit rendering: the report modal, the incident card, messages and modals."""

from bot.blocks.card import card_blocks, card_text
from bot.blocks.messages import help_blocks, help_text, list_blocks, matrix_blocks, status_blocks
from bot.blocks.records import stats_answer_blocks, stats_text
from bot.blocks.report_modal import report_modal, severity_summary
from bot.blocks.text import escape, slack_date

__all__ = [
    "card_blocks",
    "card_text",
    "escape",
    "help_blocks",
    "help_text",
    "list_blocks",
    "matrix_blocks",
    "report_modal",
    "severity_summary",
    "slack_date",
    "stats_answer_blocks",
    "stats_text",
    "status_blocks",
]
