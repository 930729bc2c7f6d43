"""The collective-bargaining figures in the KPI registry: what each key means and how it is counted."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .selectors import bargaining_figures

COUNT, RATE = FigureUnit.COUNT, FigureUnit.RATE
STOCK, FLOW = FigureKind.STOCK, FigureKind.FLOW

FIGURES = FigureSet(
    group="bargaining",
    zh="集体协商",
    en="Collective bargaining",
    compute=bargaining_figures,
    figures=(
        Figure("agreements_in_force", "有效集体协议", "Agreements in force", COUNT, STOCK,
               "期末在有效期内、未终止的集体合同和专项集体协议",
               "Collective contracts and special agreements within their term and not terminated on the "
               "period's last day", drill="bargaining:agreements"),
        Figure("enterprises_covered", "覆盖企业", "Enterprises covered", COUNT, STOCK,
               "期末被有效集体协议（含区域性、行业性协议）覆盖的企业",
               "Enterprises covered by an agreement in force (regional and industry agreements "
               "included) on the period's last day", drill="bargaining:coverage"),
        Figure("workers_covered", "覆盖职工", "Workers covered", COUNT, STOCK,
               "期末被有效集体协议覆盖的单位的职工人数",
               "Workforce of the units covered by an agreement in force",
               drill="bargaining:coverage"),
        Figure("coverage_growth_avg", "覆盖企业年均增长率", "Average yearly growth of coverage", RATE, FLOW,
               "期初前一日至期末覆盖企业数的年均（复合）增长率；不指定期间时为空",
               "Compound yearly growth of the enterprises covered from the day before the period to its last "
               "day; null without a period"),
        Figure("offers", "协商要约", "Offers", COUNT, FLOW,
               "期内发出的集体协商要约", "Bargaining offers sent in the period", drill="bargaining:offers"),
        Figure("offers_answered_in_time_rate", "要约按期答复率", "Offers answered in time", RATE, FLOW,
               "期内要约中20日内答复的 / 已答复或已过答复期限的",
               "Offers of the period answered within 20 days / those answered or past their 20 days"),
        Figure("agreements_overdue_filing", "逾期未备案协议", "Agreements overdue on filing", COUNT, STOCK,
               "期末有效的协议中，报送人社部门、向职工公布或报上级工会备案有一项逾期未办的",
               "Agreements in force with a step (filing with the bureau, publishing, filing with the "
               "higher union) past its due date and not done on the period's last day",
               drill="bargaining:agreements"),
    ),
)  # fmt: skip
