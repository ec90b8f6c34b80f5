from .pages import QuizPage, QuizPageForm, has_other_required_quiz
from .records import FeedbackMode, Purpose, QuestionAnswer, QuizAttempt, SelfReportAnswer

__all__ = [
    "FeedbackMode",
    "Purpose",
    "QuestionAnswer",
    "QuizAttempt",
    "QuizPage",
    "QuizPageForm",
    "SelfReportAnswer",
    "has_other_required_quiz",
]
