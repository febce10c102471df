"""Configuration from the environment: defaults, and bad values named clearly."""

import pytest

from bot.settings import SettingsError, load_settings


def test_defaults(monkeypatch):
    for name in ("BVOIP_TIMEZONE", "BVOIP_DB", "SLACK_API_URL", "BVOIP_BUSINESS_HOURS"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.db_path == "./bvoip.db"
    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.hours.days == frozenset(range(5))


def test_environment_is_read(monkeypatch):
    monkeypatch.setenv("BVOIP_TIMEZONE", "America/Denver")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api")
    monkeypatch.setenv("BVOIP_BUSINESS_HOURS", "Mon-Sat 07:00-19:00")
    monkeypatch.setenv("BVOIP_HOLIDAYS", "none")
    settings = load_settings()
    assert settings.site_zone.key == "America/Denver"
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"
    assert 5 in settings.hours.days and settings.hours.holiday_country is None


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("BVOIP_TIMEZONE", "Central", "BVOIP_TIMEZONE: unknown time zone 'Central'"),
        ("BVOIP_TIMEZONE", "Pacific", "BVOIP_TIMEZONE: unknown time zone 'Pacific'"),
        ("SLACK_API_URL", "slack.com/api", "SLACK_API_URL: must start with http"),
        ("BVOIP_BUSINESS_HOURS", "9 to 5", "BVOIP_BUSINESS_HOURS: '9 to 5' is not like"),
        ("BVOIP_HOLIDAYS", "Narnia", "BVOIP_HOLIDAYS: no holiday calendar"),
    ],
)
def test_bad_values_name_the_variable(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(message)


def test_tokens_are_not_in_repr(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-secret-value")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "shh-signing")
    text = repr(load_settings()) + str(load_settings())
    assert "xoxb-secret-value" not in text and "shh-signing" not in text
