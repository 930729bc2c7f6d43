"""The daily tick of the clocks: a review the bureau let pass is approved by its silence, and
every clock near or past its due date raises an alert, once (a unique constraint, so the tick
is safe to run twice, even at the same time)."""

import datetime

from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone

from gonghui.audit.services import audit_record

from ..models import PUBLISH_DAYS, Agreement, Alert, Clock, Offer, Round

WARN_DAYS = 3  # a clock alerts this many days before it is due, and again when it is overdue


def silence_approves(today: datetime.date) -> int:
    """Reviews past their 15 days with no answer: approved by silence on the last day."""
    due = Agreement.unscoped.filter(hr_filed_on__isnull=False, hr_decision="", hr_review_due__lt=today)
    moved = 0
    for pk, last_day in due.values_list("pk", "hr_review_due"):
        if last_day is None:  # filed ones always have a review date
            continue
        with transaction.atomic():
            # only the run whose UPDATE still finds no decision records it
            if Agreement.unscoped.filter(pk=pk, hr_decision="").update(
                hr_decision=Agreement.HrDecision.DEEMED,
                hr_decided_on=last_day,
                publish_due=last_day + datetime.timedelta(days=PUBLISH_DAYS),
            ):
                audit_record(actor=None, action="bargaining.agreement.deemed", detail={"agreement": pk})
                moved += 1
    return moved


def _agreement_clocks(today: datetime.date, soon: datetime.date) -> list[Alert]:
    open_steps = {
        Clock.HR_FILE: ("hr_file_due", "hr_filed_on"),
        Clock.HR_REVIEW: ("hr_review_due", "hr_decided_on"),
        Clock.PUBLISH: ("publish_due", "published_on"),
        Clock.UNION_FILE: ("union_file_due", "union_filed_on"),
    }
    live = Agreement.unscoped.filter(terminated_on__isnull=True, ends_on__gte=today)
    alerts = []
    for clock, (due, done) in open_steps.items():
        rows = live.filter(**{f"{due}__lte": soon, f"{done}__isnull": True}).values_list(
            "pk", "node_id", "path", due
        )
        alerts += [
            Alert(agreement_id=pk, node_id=node, path=path, clock=clock, due_on=on, overdue=on < today)
            for pk, node, path, on in rows
        ]
    renew = live.filter(renegotiate_on__lte=today).exclude(renewals__isnull=False)
    alerts += [
        Alert(agreement_id=pk, node_id=node, path=path, clock=Clock.RENEGOTIATE, due_on=on, overdue=False)
        for pk, node, path, on in renew.values_list("pk", "node_id", "path", "renegotiate_on")
    ]
    return alerts


def _offer_clocks(today: datetime.date, soon: datetime.date) -> list[Alert]:
    waiting = Offer.unscoped.filter(status=Offer.Status.SENT, answer_due__lte=soon)
    alerts = [
        Alert(offer_id=pk, node_id=node, path=path, clock=Clock.ANSWER, due_on=on, overdue=on < today)
        for pk, node, path, on in waiting.values_list("pk", "node_id", "path", "answer_due")
    ]
    info = Round.objects.filter(
        offer__status=Offer.Status.TALKS, held=False, info_provided_on__isnull=True, info_due__lte=soon
    ).values_list("offer_id", "offer__node_id", "offer__path", "info_due")
    alerts += [
        Alert(offer_id=pk, node_id=node, path=path, clock=Clock.INFO, due_on=on, overdue=on < today)
        for pk, node, path, on in info
    ]
    return alerts


def clocks_tick(*, today: datetime.date | None = None) -> int:
    """Deem silent reviews approved, then raise the alerts not raised yet; returns how many."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=WARN_DAYS)
    silence_approves(today)
    raised = 0
    for alert in _agreement_clocks(today, soon) + _offer_clocks(today, soon):
        try:
            with transaction.atomic():
                alert.save()
        except IntegrityError:
            continue  # raised already, by an earlier tick or one running right now
        raised += 1
    return raised


@task()
def tick_clocks() -> int:
    """Safe to run twice, even at once: each alert is a unique row, each deemed approval a
    conditional UPDATE."""
    return clocks_tick()
