"""The culture circles' figures in the KPI registry: what each key means and how it is counted."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .models import Circle, Venue
from .selectors import culture_figures

COUNT, RATE, YUAN, TIMES = FigureUnit.COUNT, FigureUnit.RATE, FigureUnit.YUAN, FigureUnit.PERSON_TIMES
STOCK, FLOW = FigureKind.STOCK, FigureKind.FLOW

FIGURES = FigureSet(
    group="culture",
    zh="职工文化服务圈",
    en="Workers' culture circles",
    compute=culture_figures,
    figures=(
        Figure("venues", "阵地", "Venues", COUNT, STOCK,
               "期末开放中的阵地（已启用、未停用），按类型：核心、服务圈、活动基地、示范点",
               "Venues open on the period's last day (opened and not closed) by kind: core, circle, "
               "base, point", by="kind", drill="culture:venues",
               labels=Venue.Kind.choices),
        Figure("sessions_scheduled", "排期场次", "Sessions scheduled", COUNT, FLOW,
               "期内开始且未取消的场次", "Sessions starting in the period and not cancelled",
               drill="culture:sessions"),
        Figure("sessions_held", "举办场次", "Sessions held", COUNT, FLOW,
               "期内已结束且未取消的场次", "Sessions of the period that have ended and were not cancelled",
               drill="culture:sessions"),
        Figure("places_offered", "提供名额", "Places offered", COUNT, FLOW,
               "已举办场次的名额合计", "Places of the sessions held"),
        Figure("person_times", "服务人次", "Person-times served", TIMES, FLOW,
               "已举办场次的签到人次", "Check-ins at the sessions held"),
        Figure("occupancy", "上座率", "Occupancy", RATE, FLOW,
               "服务人次 / 提供名额", "Person-times / places offered"),
        Figure("no_shows", "爽约", "No-shows", COUNT, FLOW,
               "预约后未签到的人次", "Bookings of held sessions not checked in"),
        Figure("no_show_rate", "爽约率", "No-show rate", RATE, FLOW,
               "爽约 / (签到 + 爽约)", "No-shows / (check-ins + no-shows)"),
        Figure("funding_yuan", "购买服务经费", "Funding", YUAN, FLOW,
               "期内支付给社会组织的活动经费（按项目发布地统计）",
               "Money paid to providers in the period, counted where the programme was published"),
        Figure("by_circle", "分服务圈", "By circle", COUNT, FLOW,
               "以上各项按服务圈（核心、东、西、南、北、中）分列",
               "The figures above for each circle (core, east, west, south, north, centre)", by="circle",
               labels=Circle.choices, drill="culture:sessions"),
        Figure("by_circle_month", "分服务圈逐月", "By circle and month", COUNT, FLOW,
               "以上各项按服务圈和月份（YYYY-MM）分列",
               "The figures above for each circle and month (YYYY-MM)", by="circle, month",
               labels=Circle.choices, drill="culture:sessions"),
    ),
)  # fmt: skip
