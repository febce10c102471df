"""Modal submissions: the report, and the small forms behind the incident buttons. Each
callback id has its own listener; each form is checked by its model before the ack."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_sdk.web.async_client import AsyncWebClient

from bot.forms import (
    CalledForm,
    Form,
    ProgressForm,
    ResolveForm,
    SeverityForm,
    TicketForm,
)
from bot.ids import Block, IncidentRef, ReportMeta, SiteFormMeta
from bot.incident import Incident, outage_began
from bot.report_form import ReportForm
from bot.service import IncidentService
from bot.site_form import site_from_state
from bot.sites import SiteError
from handlers.events import publish_home
from handlers.middleware import after_acks, in_time
from storage import StoreClosed

log = logging.getLogger(__name__)
NOT_STORED = ("I could not confirm that this report is saved ({why}). Press Report outage "
              "again: it is never saved twice.")
OUT_OF_DATE = "This form is out of date: close it and run /bvoip report again."
GONE = "This outage no longer exists or is not yours to change."
NOT_SAVED = ("I could not confirm that this site is saved (the database is busy). Press Save site "
             "again: it is never saved twice.")
BUSY = "I could not check this just now (the database is busy): nothing was done. Try again."


async def report(ack: AsyncAck, view: dict, context: AsyncBoltContext) -> None:
    """Check the report (errors shown in the form), store it, then post the card."""
    service: IncidentService = context["service"]
    meta = ReportMeta.load(view.get("private_metadata"))
    if meta is None or not view.get("id") or meta.team_id != context.team_id:
        await ack(response_action="errors", errors={Block.DESCRIPTION: OUT_OF_DATE})
        return
    form = ReportForm.check(view, service.now(), from_dm=meta.from_dm)
    if isinstance(form, dict):
        await ack(response_action="errors", errors=form)
        return

    # Kept as received before the ack; its incident is built after it (bot/intake.py). A site
    # renamed or removed since the form opened: the report goes ahead as "Not listed".
    reporter = context.user_id or ""
    kept = service.intake.receive(form, meta, reporter, view["id"])
    try:
        await in_time(kept)
    except Exception as exc:  # busy, locked or broken database: say so in the form
        why = "the database is busy" if isinstance(exc, TimeoutError) else "the database failed"
        log.error("report not stored in time: %r", exc)
        await ack(response_action="errors", errors={Block.DESCRIPTION: NOT_STORED.format(
            why=why)})
        # Built right behind it: kept after all, it gets its card; pressing Report outage
        # again then finds it stored once.
        built = service.intake.build(form, meta, reporter, view["id"])
    else:
        await ack()
        await after_acks(context)
        built = service.intake.build(form, meta, reporter, view["id"])
    try:
        incident, created = await built
    except StoreClosed:  # stopping: the next start builds what is kept
        log.info("report %s kept; its incident is built at the next start", view["id"])
        return
    except Exception as exc:  # kept (or not confirmed): the reminder loop builds what is kept
        log.error("report %s: incident not built: %r", view["id"], exc)
        return
    if created:  # this process holds the card's claim from the moment it was stored
        # The build ran on the store's thread while acks went on; the card's rendering and
        # post wait for a quiet moment too (at most half a second), not in a burst's middle.
        await after_acks(context)
        await service.post_card(incident, claimed=True, attempts=1)


async def _followup(ack: AsyncAck, view: dict, context: AsyncBoltContext, form_type: type[Form],
                    act: Callable[[IncidentService, Incident, str, Form, IncidentRef],
                                  Awaitable[object]]) -> None:
    """Check a follow-up form against its incident, ack, then act through the service."""
    service: IncidentService = context["service"]
    first_block = next(iter((view.get("state") or {}).get("values") or {}), Block.NOTES)
    user = context.user_id or ""
    try:
        decided = await in_time(_decide(service, view, context, form_type, first_block))
    except Exception as exc:  # busy, locked or broken database: nothing done, say so
        log.error("follow-up not checked in time: %r", exc)
        await ack(response_action="errors", errors={first_block: BUSY})
        return
    if isinstance(decided, dict):
        await ack(response_action="errors", errors=decided)
        return
    incident, form, ref = decided
    await ack()
    await after_acks(context)
    # Taken once: a replay, a double click or a view we never opened changes nothing.
    if await service.form_submitted(incident, str(view.get("id") or "")):
        await act(service, incident, user, form, ref)


async def _decide(service: IncidentService, view: dict, context: AsyncBoltContext,
                  form_type: type[Form], first_block: str
                  ) -> dict[str, str] | tuple[Incident, Form, IncidentRef]:
    """Errors for the modal, or what to act on."""
    ref = IncidentRef.load(view.get("private_metadata"))
    incident = await service.get(ref.incident) if ref else None
    if ref is None or incident is None or (form_type is CalledForm and not ref.level) or \
            not await service.audience.can_see(
            incident, context.team_id, context.user_id, incident.channel_id):
        return {first_block: GONE}
    if not incident.is_open:
        return {first_block: f"{incident.number} is already resolved."}
    form = form_type.check(view, service.now(), began=outage_began(incident))
    return form if isinstance(form, dict) else (incident, form, ref)


async def resolve(ack: AsyncAck, view: dict, context: AsyncBoltContext) -> None:
    await _followup(ack, view, context, ResolveForm,
                    lambda s, i, u, f, _: s.resolve(i, u, f.notes, f.restored_at))


async def progress(ack: AsyncAck, view: dict, context: AsyncBoltContext) -> None:
    await _followup(ack, view, context, ProgressForm,
                    lambda s, i, u, f, _: s.progress(i, u, f.notes))


async def change_severity(ack: AsyncAck, view: dict, context: AsyncBoltContext) -> None:
    await _followup(ack, view, context, SeverityForm,
                    lambda s, i, u, f, _: s.change_severity(i, u, f.new_severity, f.notes))


async def add_ticket(ack: AsyncAck, view: dict, context: AsyncBoltContext) -> None:
    await _followup(ack, view, context, TicketForm,
                    lambda s, i, u, f, _: s.add_tickets(i, u, f.tickets, f.reported_at))


async def called(ack: AsyncAck, view: dict, context: AsyncBoltContext) -> None:
    await _followup(ack, view, context, CalledForm,
                    lambda s, i, u, f, ref: s.called(i, u, ref.level or 0, f.contact, f.promise,
                                                     f.next_update))


async def site_form(ack: AsyncAck, view: dict, context: AsyncBoltContext,
                    client: AsyncWebClient) -> None:
    """Add or edit a site: checked like the import (errors shown in the modal), saved with who
    and when, then the Home tab shows the directory as it now is."""
    service: IncidentService = context["service"]
    meta = SiteFormMeta.load(view.get("private_metadata")) or SiteFormMeta()
    values = (view.get("state") or {}).get("values") or {}
    user = context.user_id or ""

    async def save() -> dict[str, str] | None:
        checked = site_from_state(values, await service.sites.all(), editing=meta.editing)
        if isinstance(checked, dict):
            return checked
        try:
            await service.sites.save(checked, user, meta.editing)
        except SiteError as exc:  # another site took the name meanwhile
            return {Block.SITE_NAME: exc.message}
        return None

    try:
        errors = await in_time(save())
    except Exception as exc:  # busy, locked or broken database: say so in the modal
        log.error("site not saved in time: %r", exc)
        errors = {Block.SITE_NAME: NOT_SAVED}
    if errors:
        await ack(response_action="errors", errors=errors)
        return
    await ack()
    await after_acks(context)
    await publish_home(service, client, context.team_id, user)
