"""The competitions' test world on top of the shared district: a district competition with
indicators, a team in each street (the member of 定海 reports for the first one), and helpers
to report, check and close a period."""

import datetime
from decimal import Decimal

from gonghui.competitions import services
from gonghui.competitions.models import Competition, Indicator, ProgressReport, Round, Team
from gonghui.testing.district import District


class Contest:
    def __init__(self, d: District, *, rule: str = Competition.FlagRule.HIGHEST_SCORE) -> None:
        self.d = d
        self.organizer = d.users["district"]
        self.competition = services.competition_create(
            node=d.root,
            title="标记旧改征收立功竞赛",
            partner="区房管局",
            category=Competition.Category.HOUSING,
            started_on=datetime.date(2026, 1, 1),
            ends_on=datetime.date(2026, 12, 31),
            flag_rule=rule,
            actor=self.organizer,
        )
        self.progress = services.indicator_add(
            competition=self.competition,
            name="进度",
            kind=Indicator.Kind.PROGRESS,
            weight=Decimal("60"),
            actor=self.organizer,
        )
        self.quality = services.indicator_add(
            competition=self.competition,
            name="质量",
            kind=Indicator.Kind.QUALITY,
            weight=Decimal("25"),
            actor=self.organizer,
        )
        self.safety = services.indicator_add(
            competition=self.competition,
            name="安全",
            kind=Indicator.Kind.SAFETY,
            weight=Decimal("15"),
            actor=self.organizer,
        )
        self.team_a = self.team("定海征收一组", d.dinghai_union)
        self.team_b = self.team("定海征收二组", d.dinghai_union_b)
        self.team_c = self.team("征收三组", d.pingliang_union)
        services.reporter_add(team=self.team_a, member=d.members["own"], actor=self.organizer)
        services.reporter_add(team=self.team_b, member=d.members["subtree"], actor=self.organizer)

    def team(self, name: str, node, planned: str = "120") -> Team:
        return services.team_add(
            competition=self.competition,
            node=node,
            name=name,
            project=f"{name}征收地块",
            planned=Decimal(planned),
            measure="户",
            actor=self.organizer,
        )

    def open(self) -> Round:
        return services.round_open(competition=self.competition, actor=self.organizer)

    def values(self, quality: str = "90", safety: str = "100") -> dict[int, Decimal]:
        return {self.quality.pk: Decimal(quality), self.safety.pk: Decimal(safety)}

    def report(self, team: Team, actual: str, actor) -> ProgressReport:
        return services.progress_report_submit(team=team, actual=Decimal(actual), actor=actor)

    def confirm(self, report: ProgressReport, quality: str = "90", safety: str = "100") -> ProgressReport:
        return services.progress_report_confirm(
            report=report, values=self.values(quality, safety), actor=self.organizer
        )
