from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CardsConfig(AppConfig):
    name = "gonghui.cards"
    verbose_name = _("会员服务卡")

    def ready(self) -> None:
        from gonghui.members.signals import members_moved

        from .receivers import cards_follow_their_members

        members_moved.connect(cards_follow_their_members, dispatch_uid="cards.follow_members")
