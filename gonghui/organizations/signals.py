from django.dispatch import Signal

# Sent by services after a write that changes a KPI (members, units, unions).
# The results app listens and schedules a rollup refresh, so the spine never
# imports it.
figures_changed = Signal()
