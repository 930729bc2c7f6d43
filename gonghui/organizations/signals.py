from django.dispatch import Signal

# Sent by services after a write that changes a KPI. The results app listens and schedules the
# refresh of its rollups and cached figures, so the sender never imports it. Optional
# arguments: `group`, the registry group whose figures change (a module's; every group when not
# given, as for the spine's members, units and unions, which every module reads), and `since`,
# the first day whose figures change (any day when not given).
figures_changed = Signal()
