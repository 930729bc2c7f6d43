"""Background work: the yearly enrolment. Idempotent (INSERT … ON CONFLICT DO NOTHING),
so a retry after a worker crash or two runs at once enrol each holder once."""

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from gonghui.accounts.models import User

from .models import PlanYear
from .services import plan_year_enrol, plan_year_save


@task()
def enrol_plan_year(plan_id: int, actor_id: int | None = None) -> int:
    plan = PlanYear.objects.get(pk=plan_id)
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    return plan_year_enrol(plan=plan, actor=actor)


@task()
def enrol_current_year() -> int:
    """Run yearly (and safe to run daily): opens this year's plan with last year's
    premiums if needed, and enrols every active card holder not yet enrolled."""
    year = timezone.localdate().year
    with transaction.atomic():
        plan = PlanYear.objects.filter(year=year).first()
        if plan is None:
            last = PlanYear.objects.filter(year__lt=year).order_by("-year").first()
            if last is None:
                plan = plan_year_save(year=year, actor=None)
            else:
                plan = plan_year_save(
                    year=year,
                    actor=None,
                    district_premium=last.district_premium,
                    city_premium=last.city_premium,
                )
    return plan_year_enrol(plan=plan, actor=None)
