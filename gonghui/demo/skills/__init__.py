"""The skills demo data: training classes from 2012 to today with their trainees, registers and
certificates; skill contests and 五比五赛; and the technician upgrade reward, whose 2012-2016
payouts are the seed's 168 workers and 24.1万 yuan (95 technicians at 1,000 yuan and 73 senior
technicians at 2,000), going on year by year, with applications still waiting."""

from .generator import seed_skills

__all__ = ["seed_skills"]
