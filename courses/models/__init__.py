from .framework import Competence, Pillar, localized_competences
from .pages import Audience, CourseIndexPage, CoursePage, LessonPage, Level, in_own_language
from .records import Certificate, Enrollment, LessonProgress
from .reporting import ReportingChannel
from .review import TranslationReview

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
    "ReportingChannel",
    "TranslationReview",
    "in_own_language",
    "localized_competences",
]
