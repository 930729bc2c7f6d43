"""The care figures in the KPI registry: what each key means and how it is counted."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .selectors import care_figures

COUNT, YUAN, TIMES = FigureUnit.COUNT, FigureUnit.YUAN, FigureUnit.PERSON_TIMES
STOCK, FLOW = FigureKind.STOCK, FigureKind.FLOW

FIGURES = FigureSet(
    group="care",
    zh="关怀激励与困难职工帮扶",
    en="Care and hardship aid",
    compute=care_figures,
    figures=(
        Figure("campaigns", "慰问活动", "Campaigns", COUNT, FLOW,
               "期内开始、已批准的送温暖、送清凉和“五送”活动（本组织主办或慰问了本组织职工的）",
               "Approved warmth, cooling and five-deliveries campaigns starting in the period, "
               "organized in the subtree or serving someone of it", drill="care:campaigns"),
        Figure("people_served", "慰问人数", "People served", COUNT, FLOW,
               "期内签收过慰问的职工人数（每人计一次）",
               "Members who signed for a delivery in the period, each counted once", drill="care:campaigns"),
        Figure("person_times", "慰问人次", "Person-times served", TIMES, FLOW,
               "期内实名签收的慰问人次", "Deliveries signed for by name in the period",
               drill="care:campaigns"),
        Figure("spend_yuan", "慰问支出", "Spending", YUAN, FLOW,
               "期内已签收慰问的价值，按活动类型分列",
               "Value of the deliveries signed for in the period, by campaign kind", by="kind",
               drill="care:campaigns"),
        Figure("health_checks", "健康体检", "Health checks", COUNT, FLOW,
               "期内完成的职工健康体检", "Health checks done in the period", drill="care:offers"),
        Figure("rest_home_stays", "疗休养", "Rest-home stays", COUNT, FLOW,
               "期内完成的疗休养", "Rest-home stays taken in the period", drill="care:offers"),
        Figure("hardship_files_open", "在档困难职工", "Hardship files open", COUNT, STOCK,
               "期末在档（已批准建档、尚未销档）的困难职工档案",
               "Hardship files approved and not closed on the period's last day", drill="care:files"),
        Figure("hardship_aid_paid_yuan", "帮扶资金", "Hardship aid paid", YUAN, FLOW,
               "期内经台账实名发放的帮扶资金", "Aid paid through the ledger in the period, signed for",
               drill="care:payouts"),
        Figure("hardship_files_closed", "脱困销档", "Hardship files closed", COUNT, FLOW,
               "期内销档的困难职工档案", "Hardship files closed in the period", drill="care:files"),
    ),
)  # fmt: skip
