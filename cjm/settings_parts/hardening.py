"""Hardening limits (docs/operations.md): trusted proxies, the sign-in lockout, upload limits and
the API tokens' lifetime. The production-only cookie and HTTPS settings stay in cjm/settings.py."""

import os

# How many reverse proxies in front of the app append to X-Forwarded-For. 0: the header is ignored
# (REMOTE_ADDR is the client); N: the Nth address from the right is the client
# (cjm.core.client.client_address: sign-in lockout, API throttles, the survey rate limit).
CJM_TRUSTED_PROXIES = int(os.environ.get("CJM_TRUSTED_PROXIES", "0"))
# Password guessing (cjm.core.lockout): failures per account / per address before a lock, and how
# long the lock (and the counting window) lasts.
CJM_LOGIN_MAX_FAILURES = int(os.environ.get("CJM_LOGIN_MAX_FAILURES", "10"))
CJM_LOGIN_ADDRESS_MAX_FAILURES = int(os.environ.get("CJM_LOGIN_ADDRESS_MAX_FAILURES", "50"))
CJM_LOGIN_LOCKOUT_SECONDS = int(os.environ.get("CJM_LOGIN_LOCKOUT_SECONDS", "900"))
# Uploaded files (event imports, journey imports): at most this many megabytes and rows.
CJM_UPLOAD_MAX_MB = int(os.environ.get("CJM_UPLOAD_MAX_MB", "20"))
CJM_UPLOAD_MAX_ROWS = int(os.environ.get("CJM_UPLOAD_MAX_ROWS", "1000000"))
# Where event files wait for their import (never served by any URL; deleted when the import
# ends). Empty: MEDIA_ROOT/event-imports. Web and worker must share it.
CJM_UPLOAD_ROOT = os.environ.get("CJM_UPLOAD_ROOT", "")
# API tokens expire this many days after they were made (empty: never).
CJM_TOKEN_DAYS = int(os.environ["CJM_TOKEN_DAYS"]) if os.environ.get("CJM_TOKEN_DAYS") else None
