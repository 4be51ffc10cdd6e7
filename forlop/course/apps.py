from django.apps import AppConfig


class CourseConfig(AppConfig):
    name = "forlop.course"
    label = "course"
