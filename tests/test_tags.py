"""Tags find what an earlier attempt posted, and never a message for another level."""

from bot.slack import CARD, LEVEL_OPENED, Slack, find_tagged, tag


def test_finds_only_the_exact_tag():
    messages = [
        {"ts": "1.0", "metadata": tag(LEVEL_OPENED, incident=7, level=2)},
        {"ts": "2.0", "metadata": tag(LEVEL_OPENED, incident=7, level=3)},
        {"ts": "3.0", "metadata": tag(CARD, incident=7)},
        {"ts": "4.0", "text": "no metadata"},
    ]
    assert find_tagged(messages, LEVEL_OPENED, {"incident": 7, "level": 3}) == "2.0"
    assert find_tagged(messages, CARD, {"incident": 7}) == "3.0"
    assert find_tagged(messages, LEVEL_OPENED, {"incident": 7, "level": 4}) is None
    assert find_tagged(messages, CARD, {"incident": 8}) is None


async def test_an_earlier_post_is_found_beyond_the_newest_page(fake, client):
    """A busy channel: the card is 450 messages back, past the first pages."""
    slack = Slack(client)
    ts = await slack.post("C123", "card", metadata=tag(CARD, incident=1))
    for n in range(450):
        await client.chat_postMessage(channel="C123", text=f"chatter {n}")
    assert await slack.find("C123", None, CARD, {"incident": 1}) == ts
    assert await slack.post_once("C123", "card", [], CARD, {"incident": 1},
                                 look_first=True) == ts
    assert len([m for m in fake.messages["C123"] if m.get("text") == "card"]) == 1
