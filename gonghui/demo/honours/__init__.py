"""The honours roll's demo data: as held at the end of 2016 the seed counts 3 national and 18
city model workers, 5 city model collectives, 2 national May-Day award collectives and 3 medal
individuals, 12 city award collectives and 14 medal individuals, 19 city worker-pioneer teams,
28 city and district innovation studios, and model workers' homes (1 national, 2 national
small homes, 18 city, 13 city small homes). The roll goes on to today."""

from .generator import seed_honours

__all__ = ["seed_honours"]
