"""The fake's file upload: `AsyncWebClient.files_upload_v2` end to end, all three steps."""

from __future__ import annotations

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakeslack import FakeSlack

THREE = [
    {"filename": "chart.png", "content": b"\x89PNG\r\n\x1a\n fake", "title": "Chart"},
    {"filename": "record.pdf", "content": b"%PDF-1.4 fake", "title": "Record"},
    {"filename": "timeline.csv", "content": "at,kind\n2026,reported\n", "title": "Timeline"},
]


async def test_three_files_land_in_the_thread(fake: FakeSlack, client: AsyncWebClient):
    parent = await client.chat_postMessage(channel="C123", text="INC-1 card")
    answer = await client.files_upload_v2(file_uploads=THREE, channel="C123",
                                          thread_ts=parent["ts"], initial_comment="The record")
    assert [f["title"] for f in answer["files"]] == ["Chart", "Record", "Timeline"]
    shared = fake.shared_files(channel="C123", thread_ts=parent["ts"])
    assert [(f["filename"], f["title"], f["content"]) for f in shared] == [
        ("chart.png", "Chart", b"\x89PNG\r\n\x1a\n fake"),
        ("record.pdf", "Record", b"%PDF-1.4 fake"),
        ("timeline.csv", "Timeline", b"at,kind\n2026,reported\n")]
    assert len(fake.calls_to("files.getUploadURLExternal")) == 3
    complete = fake.calls_to("files.completeUploadExternal")[0]
    assert (complete["channel_id"], complete["thread_ts"]) == ("C123", parent["ts"])
    replies = await client.conversations_replies(channel="C123", ts=parent["ts"])
    share = replies["messages"][-1]
    assert share["text"] == "The record" and share["thread_ts"] == parent["ts"]
    assert [f["name"] for f in share["files"]] == ["chart.png", "record.pdf", "timeline.csv"]
    fake.assert_nothing_rejected()


async def test_upload_into_a_missing_thread_or_channel_is_refused(fake, client):
    with pytest.raises(SlackApiError) as missing_thread:
        await client.files_upload_v2(content="x", filename="a.txt", channel="C123",
                                     thread_ts="1.000001")
    assert missing_thread.value.response["error"] == "invalid_thread_ts"
    with pytest.raises(SlackApiError) as missing_channel:
        await client.files_upload_v2(content="x", filename="a.txt", channel="C999")
    assert missing_channel.value.response["error"] == "channel_not_found"
    assert fake.shared_files() == []


async def test_completing_a_file_never_uploaded_is_refused(fake, client):
    got = await client.files_getUploadURLExternal(filename="a.txt", length=3)
    with pytest.raises(SlackApiError) as refused:
        await client.files_completeUploadExternal(files=[{"id": got["file_id"]}],
                                                  channel_id="C123")
    assert refused.value.response["error"] == "file_not_found"
