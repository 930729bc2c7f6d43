"""The honours roll's figures in the KPI registry: each a stock as of the period's last day."""

from gonghui.lib.figures import Figure, FigureKind, FigureSet, FigureUnit

from .selectors import honours_figures

COUNT, STOCK = FigureUnit.COUNT, FigureKind.STOCK
HELD = "期末持有（已授予且未撤销）的"
HELD_EN = "held on the period's last day (awarded and not revoked), in the subtree"


def honour(key: str, zh: str, en: str) -> Figure:
    return Figure(key, zh, en, COUNT, STOCK, f"{HELD}{zh}", f"{en} {HELD_EN}", drill="honours:list")


FIGURES = FigureSet(
    group="honours",
    zh="先进典型",
    en="Honours",
    compute=honours_figures,
    figures=(
        honour("national_model_workers", "全国劳动模范", "National model workers"),
        honour("city_model_workers", "上海市劳动模范", "City model workers"),
        honour("city_model_collectives", "上海市模范集体", "City model collectives"),
        honour("national_mayday_award_collectives", "全国五一劳动奖状集体",
               "National May-Day award collectives"),
        honour("national_mayday_medal_individuals", "全国五一劳动奖章个人",
               "National May-Day medal individuals"),
        honour("city_mayday_award_collectives", "上海市五一劳动奖状集体", "City May-Day award collectives"),
        honour("city_mayday_medal_individuals", "上海市五一劳动奖章个人", "City May-Day medal individuals"),
        honour("city_pioneer_teams", "上海市工人先锋号", "City worker-pioneer teams"),
        Figure("innovation_studios", "劳模创新工作室", "Innovation studios", COUNT, STOCK,
               "期末已命名且未撤销的市级、区级劳模（工匠）创新工作室",
               "City and district model-worker and craftsman innovation studios named and not closed "
               "on the period's last day", drill="honours:studios"),
        honour("national_model_homes", "全国模范职工之家", "National model workers' homes"),
        honour("national_model_small_homes", "全国模范职工小家", "National model small homes"),
        honour("city_model_homes", "上海市模范职工之家", "City model workers' homes"),
        honour("city_model_small_homes", "上海市模范职工小家", "City model small homes"),
    ),
)  # fmt: skip
