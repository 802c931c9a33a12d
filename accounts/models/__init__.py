from accounts.models.moderation import Moderatable, Report, UserWarning
from accounts.models.residency import (
    ResidencyDeclaration,
    Verification,
    VerificationCode,
    VerificationCodeBatch,
)
from accounts.models.user import User, UserManager

__all__ = [
    "Moderatable",
    "Report",
    "ResidencyDeclaration",
    "User",
    "UserManager",
    "UserWarning",
    "Verification",
    "VerificationCode",
    "VerificationCodeBatch",
]
