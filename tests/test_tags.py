"""Tags find what an earlier attempt posted, and never a message for another level."""

from bot import tags


def test_finds_only_the_exact_tag():
    messages = [
        {"ts": "1.0", "metadata": tags.tag(tags.LEVEL_OPENED, incident=7, level=2)},
        {"ts": "2.0", "metadata": tags.tag(tags.LEVEL_OPENED, incident=7, level=3)},
        {"ts": "3.0", "metadata": tags.tag(tags.CARD, incident=7)},
        {"ts": "4.0", "text": "no metadata"},
    ]
    assert tags.find_tagged(messages, tags.LEVEL_OPENED, incident=7, level=3) == "2.0"
    assert tags.find_tagged(messages, tags.CARD, incident=7) == "3.0"
    assert tags.find_tagged(messages, tags.LEVEL_OPENED, incident=7, level=4) is None
    assert tags.find_tagged(messages, tags.CARD, incident=8) is None


async def test_an_unreadable_channel_means_post_again():
    async def refused():
        raise ConnectionError("Slack away")

    async def listing():
        return {"messages": [{"ts": "9.0", "metadata": tags.tag(tags.CARD, incident=1)}]}

    assert await tags.posted_already(refused, tags.CARD, incident=1) is None
    assert await tags.posted_already(listing, tags.CARD, incident=1) == "9.0"
