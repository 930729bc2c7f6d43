"""The reform responsibility list of 2015 (35 tasks, 125 measures, their road maps and progress
reports; most done by the end of 2016, a few still overdue today), cadre training (8,000
person-times in 2012-2016) and the professional union workers (80 at the end of 2016)."""

import datetime

from gonghui.federation.models import (
    Assignment,
    Grade,
    MeasureStatus,
    Milestone,
    ProgressReport,
    ReformMeasure,
    ReformTask,
    Training,
    UnionWorker,
)

from ..people import person_name
from .common import SEED_END, World, split

TASKS, MEASURES = 35, 125
LISTED = datetime.date(2015, 4, 28)  # the reform mobilization meeting
LEADS = ["组织部", "基层工作部", "权益保障部", "宣传教育部", "经费审查委员会", "职工援助服务中心", "办公室"]
AREAS = ["组织增活力", "干部提能力", "职工得实惠", "规范化建设", "常态化机制"]
TOPICS = [
    "非公企业建会",
    "街镇小三级工会网络",
    "基层服务站建设",
    "工会干部联系职工",
    "职业化工会工作者队伍",
    "网上工会（指尖上的工会）",
    "职代会制度",
    "集体协商",
    "职工维权服务",
    "工会经费保障",
    "职工文化服务圈",
    "劳模创新工作室",
    "困难职工帮扶",
]
STEPS = ["制定实施方案", "开展试点", "建立工作制度", "完善考核办法", "全面推开", "总结评估"]
TRAINING_2012_2016 = 8000
TRAINING_A_YEAR_LATER = 1700
HIRED = {2012: 20, 2013: 30, 2014: 14, 2015: 12, 2016: 8}  # 84 hired, 4 leave before 2017: 80


def seed_reform(w: World) -> int:
    tasks = [
        ReformTask(
            node=w.district,
            number=i + 1,
            title=f"{AREAS[i % len(AREAS)]}：推进{TOPICS[i % len(TOPICS)]}改革",
            lead=LEADS[i % len(LEADS)],
            listed_on=LISTED,
            due_on=datetime.date(2016 + i % 3, 12, 31),
            path=w.district.path,
        )
        for i in range(TASKS)
    ]
    ReformTask.unscoped.bulk_create(tasks)
    measures, milestones, reports = [], [], []
    for task, count in zip(tasks, split(MEASURES, TASKS, w.rng), strict=True):
        for n in range(1, count + 1):
            due = min(task.due_on, LISTED + datetime.timedelta(days=w.rng.randrange(150, 1100)))
            measure = ReformMeasure(
                task=task,
                number=n,
                title=f"{TOPICS[(task.number - 1) % len(TOPICS)]}：{STEPS[(n - 1) % len(STEPS)]}",
                owner_name=person_name(w.rng),
                starts_on=LISTED,
                due_on=due,
                path=task.path,
            )
            measures.append(measure)
    overdue = set(w.rng.sample(range(len(measures)), 6))
    for i, measure in enumerate(measures):
        done = None if i in overdue else measure.due_on - datetime.timedelta(days=w.rng.randrange(0, 60))
        steps = [
            (LISTED + (measure.due_on - LISTED) * k // 3, label)
            for k, label in ((1, "制定方案"), (2, "试点推进"), (3, "全面完成"))
        ]
        for day, label in steps:
            reached = day if done is not None or day < w.today - datetime.timedelta(days=400) else None
            milestones.append(
                Milestone(measure=measure, title=label, due_on=day, reached_on=reached, path=measure.path)
            )
        last = 0
        for k, (day, label) in enumerate(steps, start=1):
            progress = 100 if (k == 3 and done) else 30 * k
            when = done if progress == 100 else day
            assert when is not None
            if when > w.today or (progress == 100 and done is None):
                continue
            reports.append(
                ProgressReport(
                    measure=measure,
                    reported_on=when,
                    progress=progress,
                    note=f"{label}阶段工作已开展",
                    evidence="会议纪要、文件",
                    at=w.moment(when, 16),
                    path=measure.path,
                )
            )
            last = progress
        measure.done_on = done
        measure.status = MeasureStatus.DONE if done else MeasureStatus.ACTIVE
        measure.progress = 100 if done else last
    ReformMeasure.unscoped.bulk_create(measures)
    Milestone.unscoped.bulk_create(milestones)
    ProgressReport.unscoped.bulk_create(reports, batch_size=5000)
    return len(measures)


def seed_training(w: World) -> int:
    rows = []
    for year in w.years:
        total = (
            TRAINING_2012_2016 // 5
            if year <= SEED_END.year
            else round(TRAINING_A_YEAR_LATER * w.year_share(year))
        )
        classes = 20
        for i, attendees in enumerate(split(total, classes, w.rng)):
            start = w.day_in(year, until=w.today - datetime.timedelta(days=3))
            kind = (Training.Kind.CADRE, Training.Kind.CHAIR, Training.Kind.PROFESSIONAL)[i % 3]
            rows.append(
                Training(
                    title=f"{year}年{Training.Kind(kind).label}第{i + 1}期",
                    kind=kind,
                    node=w.district,
                    starts_on=start,
                    ends_on=start + datetime.timedelta(days=2),
                    hours=16,
                    attendees=attendees,
                    path=w.district.path,
                )
            )
    Training.unscoped.bulk_create(rows)
    return sum(r.attendees for r in rows if r.starts_on <= SEED_END)


def seed_workers(w: World) -> int:
    workers, assignments = [], []
    for year, count in HIRED.items():
        for _ in range(count):
            street = w.rng.choice(w.streets)
            grade = w.rng.choice([Grade.ASSISTANT, Grade.ASSISTANT, Grade.SOCIAL_WORKER, Grade.NONE])
            hired = w.day_in(year)
            workers.append(
                UnionWorker(
                    name=person_name(w.rng),
                    node=street,
                    grade=grade,
                    hired_on=hired,
                    graded_on=hired if grade != Grade.NONE else None,
                    path=street.path,
                )
            )
    for worker in w.rng.sample([x for x in workers if x.hired_on.year < 2016], 4):
        worker.left_on = datetime.date(2016, 6, 30)
    for year in range(2017, w.today.year + 1):
        for _ in range(3):
            street = w.rng.choice(w.streets)
            workers.append(
                UnionWorker(name=person_name(w.rng), node=street, hired_on=w.day_in(year), path=street.path)
            )
        standing = [x for x in workers if x.left_on is None and x.hired_on.year < year]
        for worker in w.rng.sample(standing, 2):
            worker.left_on = w.day_in(year)
    UnionWorker.unscoped.bulk_create(workers)
    for worker in workers:
        assignments.append(
            Assignment(
                worker=worker,
                street=worker.node,
                post="工会主席" if w.rng.random() < 0.3 else "工会干事",
                starts_on=worker.hired_on,
                ends_on=worker.left_on,
                path=worker.path,
            )
        )
    Assignment.unscoped.bulk_create(assignments)
    end = SEED_END
    return sum(1 for x in workers if x.hired_on <= end and (x.left_on is None or x.left_on > end))
