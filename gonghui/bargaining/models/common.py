"""What offers and agreements share: what is bargained over and at which level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CONTRACT = "contract", _("集体合同")
    WAGE = "wage", _("工资专项集体协议")
    WOMEN = "women", _("女职工权益保护专项集体合同")
    SAFETY = "safety", _("劳动安全卫生专项集体合同")


class Level(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    REGIONAL = "regional", _("区域性")
    INDUSTRY = "industry", _("行业性")
