"""Drill: text a person types with mrkdwn markers shows as typed on the card and in the
thread (nothing bold, italic, struck, coded or quoted), and is stored exactly as typed."""


from bot.blocks.text import WORD_JOINER
from tests.databases import rows
from tests.flows import card_now, eventually, press, report_outage, thread
from tests.test_drill_injection import _everything_sent
from tests.test_text_escape import _as_read, _formatting

STYLED = "the *whole* site is _down_, ~fixed~ `503`\n> all calls\n```drop```"
USER_WORDS = ("whole", "down", "fixed", "503", "all calls", "drop")


async def test_typed_markers_show_as_typed_on_the_card_and_in_the_thread(app):
    card = await report_outage(app, text="site down", **{
        "Business name": "*Acme* _Dental_", "Site / location": "~Tampa~ `branch`",
        "Trouble description": STYLED, "Action or resolution requested": "> restore it"})
    await press(app, card_now(app, card), "Progress update", {"What has changed": STYLED})
    await eventually(lambda: thread(app, card))

    sent = _everything_sent(app.fake)
    styled = [span for text in sent for span in _formatting(text)
              if any(word in span for word in USER_WORDS)]
    assert styled == []
    shown = "\n".join(sent)
    # each piece reads as typed once the invisible joiners are ignored
    for typed in ("*Acme* _Dental_", "~Tampa~ `branch`", "the *whole* site is _down_"):
        assert typed in _as_read(shown)
    assert WORD_JOINER in shown
    app.fake.assert_nothing_rejected()

    row = rows(app.db_path, "SELECT description, business_name, location FROM incidents")[0]
    assert tuple(row.values()) == (STYLED, "*Acme* _Dental_", "~Tampa~ `branch`")
