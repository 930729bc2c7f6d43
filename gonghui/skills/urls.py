from django.urls import path

from .views import contests, portal, rewards, training

app_name = "skills"
urlpatterns = [
    path("", training.class_list, name="classes"),
    path("classes/new/", training.class_new, name="class_new"),
    path("classes/<id:pk>/", training.class_detail, name="class"),
    path("classes/<id:pk>/enrol/", training.class_enrol, name="class_enrol"),
    path("classes/<id:pk>/attendance/", training.class_attendance, name="class_attendance"),
    path("enrolments/<id:pk>/complete/", training.enrolment_complete, name="enrolment_complete"),
    path("contests/", contests.contest_list, name="contests"),
    path("contests/new/", contests.contest_new, name="contest_new"),
    path("contests/<id:pk>/", contests.contest_detail, name="contest"),
    path("contests/<id:pk>/entries/", contests.entry_add, name="entry_add"),
    path("entries/<id:pk>/result/", contests.entry_result, name="entry_result"),
    path("rewards/", rewards.reward_list, name="rewards"),
    path("rewards/new/", rewards.reward_new, name="reward_new"),
    path("rewards/<id:pk>/", rewards.reward_detail, name="reward"),
    path("rewards/<id:pk>/verify/", rewards.reward_verify, name="reward_verify"),
    path("rewards/<id:pk>/approve/", rewards.reward_approve, name="reward_approve"),
    path("rewards/<id:pk>/reject/", rewards.reward_reject, name="reward_reject"),
    path("rewards/<id:pk>/pay/", rewards.reward_pay, name="reward_pay"),
    path("payouts/", rewards.payout_list, name="payouts"),
    # the member's pages, on a phone
    path("m/", portal.my_skills, name="m_home"),
    path("m/classes/<id:pk>/enrol/", portal.enrol, name="m_enrol"),
    path("m/rewards/new/", portal.reward_apply, name="m_reward_new"),
]
