"""Login for the auth service.

Implements: REQ-F-AUTH-001
"""
import hashlib

MAX_ATTEMPTS = 5  # Implements: REQ-F-AUTH-002


# Implements: REQ-NFR-PERF-001
@timed("login")
def login(user, password):
    """Check the password and open a session.

    Implements: REQ-F-AUTH-001, REQ-F-AUTH-003
    """
    # Implements: REQ-F-AUTH-004
    digest = hashlib.sha256(password.encode()).hexdigest()
    return digest == user.digest


class Sessions:
    async def open(self, user):
        token = "# Implements: REQ-NOT-A-MARKER"
        # Implements: REQ-F-AUTH-005
        return token

    def close(
        self,
        token,
    ):
        return None  # Implements: REQ-F-AUTH-006
