"""The skills module's figures in the KPI registry: what each key means and how it is counted."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .selectors import skills_figures

COUNT, YUAN, FLOW = FigureUnit.COUNT, FigureUnit.YUAN, FigureKind.FLOW

FIGURES = FigureSet(
    group="skills",
    zh="素质提升",
    en="Skills",
    compute=skills_figures,
    figures=(
        Figure("classes", "培训班", "Training classes", COUNT, FLOW,
               "期内开班且未取消的培训班（农民工EBA、班组长培训等）",
               "Training classes starting in the period and not cancelled (EBA, team leaders…)",
               drill="skills:classes"),
        Figure("trainees", "参训职工", "Trainees", COUNT, FLOW,
               "上述培训班的报名学员（按人去重，不含退出）",
               "Distinct members enrolled in those classes, withdrawals left out", drill="skills:classes"),
        Figure("completions", "结业人次", "Completions", COUNT, FLOW,
               "期内结业并取得证书的学员人次", "Enrolments completed with a certificate in the period",
               drill="skills:classes"),
        Figure("technician_rewards", "技师升级奖励人数", "Technician rewards", COUNT, FLOW,
               "期内发放的技师升级奖励（每人每个等级一次）",
               "Technician upgrade rewards paid in the period (once per worker and grade)",
               drill="skills:payouts"),
        Figure("technician_reward_yuan", "技师升级奖励金", "Technician reward paid", YUAN, FLOW,
               "期内发放的技师升级奖励金合计", "Total of the technician upgrade rewards paid in the period",
               drill="skills:payouts"),
    ),
)  # fmt: skip
