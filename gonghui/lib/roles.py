"""The roles an account can have. They sit below every app: the spine's views, the modules
and the access decorators all name them, and none of those may import accounts' models."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    DISTRICT_STAFF = "district_staff", _("区总工会工作人员")
    STREET_CADRE = "street_cadre", _("街镇工会干部")
    GRASSROOTS_CHAIR = "grassroots_chair", _("基层工会主席")
    MEMBER = "member", _("会员职工")
    MEDIATOR = "mediator", _("调解员")
    CASHIER = "cashier", _("商户收银员")
    VENUE_STAFF = "venue_staff", _("场馆工作人员")
    ASSESSOR = "assessor", _("第三方评估员")


STAFF_ROLES = (Role.DISTRICT_STAFF, Role.STREET_CADRE, Role.GRASSROOTS_CHAIR)
TOTP_ROLES = (Role.DISTRICT_STAFF,)
