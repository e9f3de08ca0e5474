"""Moved to :mod:`bridge.http.retry` (the retry rule is the bridge's, not Customer.io's); kept so imports work."""

from bridge.http.retry import (
           NO_RETRIES,
           RETRY_STATUSES,
           Clock,
           Failure,
           RetryPolicy,
           SystemClock,
           outcome_unknown,
           parse_retry_after,
           should_retry,
)

__all__ = ["NO_RETRIES", "RETRY_STATUSES", "Clock", "Failure", "RetryPolicy", "SystemClock", "outcome_unknown",
           "parse_retry_after", "should_retry"]
