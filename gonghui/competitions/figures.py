"""The merit competitions' figures in the KPI registry: what each key means and how it is counted."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .selectors import competitions_figures

COUNT, FLOW = FigureUnit.COUNT, FigureKind.FLOW

FIGURES = FigureSet(
    group="competitions",
    zh="立功竞赛",
    en="Merit competitions",
    compute=competitions_figures,
    figures=(
        Figure("competitions", "立功竞赛", "Competitions", COUNT, FLOW,
               "期内进行中（开始日期不晚于期末、结束日期不早于期初）的立功竞赛，按主办工会统计",
               "Competitions running at some time in the period, counted where the organizer is",
               drill="competitions:list"),
        Figure("teams", "参赛班组", "Teams", COUNT, FLOW,
               "期内进行中的竞赛的参赛班组（团队），按班组所属工会统计",
               "Teams of the competitions running in the period, counted where the team hangs",
               drill="competitions:teams"),
        Figure("participants", "一线参赛职工", "Front-line participants", COUNT, FLOW,
               "上述班组登记的一线参赛职工（按人去重）",
               "Distinct members recorded as front-line participants of those teams",
               drill="competitions:teams"),
        Figure("red_flags_awarded", "流动红旗", "Red flags awarded", COUNT, FLOW,
               "期内结束的评比期授出的流动红旗，按获旗班组统计",
               "Rolling red flags of the periods that ended in the period, counted where the holder hangs",
               drill="competitions:flags"),
        Figure("awards", "竞赛表彰", "Awards", COUNT, FLOW,
               "期内授予的立功个人、立功集体和优胜团队，按获奖者统计",
               "Merit awards to individuals and collectives and winning teams given in the period",
               drill="competitions:awards"),
    ),
)  # fmt: skip
