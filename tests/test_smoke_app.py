"""Smoke: the app starts over HTTP, answers /healthz and opens the report modal."""


async def test_healthz(app):
    reply = await app.get("/healthz")
    assert reply.status == 200
    assert reply.json == {"ok": True, "mode": "http", "database": "reachable"}


async def test_report_opens_modal(app, fake_slack):
    reply = await app.command("report nobody at the Tampa branch can dial out")
    assert reply.status == 200
    await fake_slack.wait_for_form()
    fake_slack.assert_nothing_rejected()
