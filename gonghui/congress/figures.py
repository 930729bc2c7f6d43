"""The workers' congress figures in the KPI registry: what each key means and how it is counted."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .selectors import congress_figures

COUNT, RATE = FigureUnit.COUNT, FigureUnit.RATE
STOCK, FLOW = FigureKind.STOCK, FigureKind.FLOW

FIGURES = FigureSet(
    group="congress",
    zh="职工代表大会",
    en="Workers' congresses",
    compute=congress_figures,
    figures=(
        Figure("units_with_congress", "建立职代会的单位", "Units with a congress", COUNT, STOCK,
               "期末已建立职代会（含联合职代会）的单位",
               "Units covered by a workers' congress (unit or joint) on the period's last day",
               drill="congress:list"),
        Figure("establishment_rate", "职代会建制率", "Congress establishment rate", RATE, STOCK,
               "已建会单位中建立职代会的 / 已建会单位",
               "Covered units with a congress / units covered by a union"),
        Figure("non_enterprise_establishment_rate", "非企业职代会建制率", "Non-enterprise establishment rate",
               RATE, STOCK, "事业单位、机关、民办非企业中建立职代会的 / 其已建会单位",
               "The same rate for institutions, government organs and private non-enterprise units"),
        Figure("representatives", "职工代表", "Representatives", COUNT, STOCK,
               "期末在任的职工代表", "Representatives holding a seat on the period's last day",
               drill="congress:list"),
        Figure("representative_performance_rate", "代表履职率", "Representatives' performance rate",
               RATE, FLOW,
               "期内履职考核为优秀或称职的 / 期内考核人次",
               "Assessments of the period graded excellent or competent / assessments of the period"),
        Figure("proposals", "提案", "Proposals", COUNT, FLOW,
               "期内提交的提案", "Proposals submitted in the period", drill="congress:proposals"),
        Figure("proposals_answered_rate", "提案答复率", "Proposals answered", RATE, FLOW,
               "期内提交、已立案或转为意见的提案中已答复的比例",
               "Share of the period's proposals accepted or turned into opinions that have been answered"),
        Figure("sessions_held", "召开会议", "Sessions held", COUNT, FLOW,
               "期内召开并已闭幕的职代会会议", "Congress sessions held in the period and closed",
               drill="congress:list"),
    ),
)  # fmt: skip
