"""The clocks' tick run twice at the same moment alerts once and deems a silent review once
(PostgreSQL, real threads)."""

import pytest
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.bargaining import services
from gonghui.bargaining.models import Agreement, Alert
from gonghui.testing import run_together
from gonghui.testing.bargaining import DAY, signed

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_ticks_at_once_alert_once(district):
    agreements = [
        signed(district, signed_on=timezone.localdate() - 40 * DAY, unit_key=k) for k in ("dinghai_a",)
    ]
    agreement = agreements[0]
    services.agreement_file_hr(agreement=agreement, on=agreement.signed_on + DAY, actor=None)
    today = timezone.localdate()
    results = run_together(lambda i: services.clocks_tick(today=today), 8)
    assert sum(results) == Alert.unscoped.count() > 0
    assert (
        Alert.unscoped.values("agreement", "clock", "due_on", "overdue").distinct().count()
        == Alert.unscoped.count()
    )
    agreement.refresh_from_db()
    assert agreement.hr_decision == Agreement.HrDecision.DEEMED
    assert AuditRecord.objects.filter(action="bargaining.agreement.deemed").count() == 1
