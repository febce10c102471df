"""Issue 8, point 14, the form's side: "When it was reported to AT&T" is a datetimepicker, so
Slack's client turns the picked wall time into one instant (epoch seconds) in the picker's own
zone before the app sees it; a time in the DST gap or fold never reaches the app ambiguous.
The app keeps that instant as given and shows it with its zone, so the two 01:30s of the night
the clocks go back stay two different moments, an hour apart, each labelled."""

from __future__ import annotations

import datetime as dt

from tests.flows import report_outage, text_of

FIRST_0130 = dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC)  # 01:30 CDT in Chicago
SECOND_0130 = dt.datetime(2026, 11, 1, 7, 30, tzinfo=dt.UTC)  # 01:30 CST, an hour later


async def test_the_two_0130s_of_the_fold_stay_distinct_and_labelled(app, clock):
    clock.set(dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC))  # 02:00 CST
    cards = [await report_outage(app, **{"When it was reported to AT&T":
                                         int(moment.timestamp())})
             for moment in (FIRST_0130, SECOND_0130)]
    stored = [app.store.incidents.get(n).reported_at for n in (1, 2)]
    assert stored == [FIRST_0130, SECOND_0130]  # as given: never shifted
    first, second = (text_of(card) for card in cards)
    assert f"<!date^{int(FIRST_0130.timestamp())}^" in first
    assert "Sun Nov 01 01:30 CDT" in first  # the fallback names which 01:30
    assert f"<!date^{int(SECOND_0130.timestamp())}^" in second
    assert "Sun Nov 01 01:30 CST" in second
    opens = [app.store.levels.for_incident(n)[0].opens_at for n in (1, 2)]
    assert opens[1] - opens[0] == dt.timedelta(hours=1)
