package io.homeostat.homeostasis.issues;

/** What groups occurrences into one issue. */
record IssueKey(String requirement, String errorType, String fingerprint) {}
