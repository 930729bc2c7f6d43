from django.dispatch import Signal

# Sent in the transaction that moved members to another union (a save that changed a member's
# path, a roster that took members in): `member_ids` and their new `path`. Records that carry
# their member's path (a card) follow, so the sender never imports their module.
members_moved = Signal()
