from .framework import Competence, Pillar, localized_competences
from .pages import Audience, CourseIndexPage, CoursePage, LessonPage, Level
from .records import Certificate, Enrollment, LessonProgress

__all__ = [
    "Audience",
    "Certificate",
    "Competence",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "LessonPage",
    "LessonProgress",
    "Level",
    "Pillar",
    "localized_competences",
]
