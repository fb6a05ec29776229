"""The vocabulary of expectations. Importing the package registers every check type in CHECKS."""

from fulfillment.tools.evaluation.checks import answers, knowledge, listing, personal
from fulfillment.tools.evaluation.checks.base import CHECKS, Check, Context, Shown, SuiteError, Verdict, build

__all__ = ["CHECKS", "Check", "Context", "Shown", "SuiteError", "Verdict", "answers", "build", "knowledge",
           "listing", "personal"]
