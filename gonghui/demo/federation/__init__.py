"""The demo's federation work, from 2012 to today: founding applications (those behind the
spine's 2012-2016 unions, and new ones since), joining drives, service stations, model unions
and allowances, cadres' visits with their problems and reports, the 2015 reform list, cadre
training and the professional union workers, the 12351 hotline and the online contests. At
scale 1 the records give the seed's figures for 2012-2016; see each file for its numbers."""

import random

from gonghui.accounts.models import User
from gonghui.federation.catalogues import ensure_catalogues

from ..spine import DEMO_PASSWORD
from .common import world
from .founding import backfill, drives, later_foundings
from .hotline_contests import seed_contests, seed_hotline
from .model_unions import seed_model_unions
from .reform_cadres import seed_reform, seed_training, seed_workers
from .stations import seed_stations
from .visits import seed_visits

__all__ = ["seed_federation"]


def seed_federation(rng: random.Random, *, scale: float, actor: User) -> str:
    ensure_catalogues()
    w = world(rng, scale)
    founded = backfill(w) + later_foundings(w, actor)
    joined = drives(w)
    stations_2016, stations = seed_stations(w)
    model_unions, assessor = seed_model_unions(w)
    visits = seed_visits(w)
    measures = seed_reform(w)
    trained = seed_training(w)
    workers = seed_workers(w)
    orders = seed_hotline(w, actor)
    entries, votes = seed_contests(w)
    return (
        f"federation: {founded} founding applications, {joined} collective joinings, "
        f"{stations} service stations ({stations_2016} by 2016), {model_unions} model unions by 2016, "
        f"{visits['visits']} visits with {visits['problems']} problems and {visits['reports']} reports, "
        f"{measures} reform measures, {trained} training person-times in 2012-2016, "
        f"{workers} professional workers at the end of 2016, {orders} hotline orders, "
        f"{entries} contest entries with {votes} votes; "
        f"assessor account {assessor.username} (password {DEMO_PASSWORD})"
    )
