"""A city of 16 districts at Shanghai's real size, made set-based in the app's own tables.

`generate.load_city` fills the tree, the units and the members with INSERT … SELECT over
generate_series (no Python loop over rows); `citus.distribute` makes the core tables of a
migrated database distributed (by `district`, the tree-path prefix of depth 2) on a Citus
coordinator. `manage.py city` runs both; bench/b7_city.py measures them.
"""
