from datetime import timedelta

from forlop.core.jobs import register

from . import services


# Every five minutes: lessons go out shortly after 09:00, and a worker back from downtime catches up soon.
@register("course.send_lessons", every=timedelta(minutes=5))
def send_lessons() -> None:
    services.send_due_lessons()


@register("course.retention", every=timedelta(hours=1))
def retention() -> None:
    services.apply_retention()
