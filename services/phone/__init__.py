"""Telephone prospecting under the 2026 rules: who may be called (eligibility), when (calendar), the
decision for a moment, the call log, campaigns, the exchange with a call centre, running contracts."""
