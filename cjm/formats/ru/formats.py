"""Russian: 3 декабря 2026, 3 декабря 2026, 14:05 (the month in the genitive, as Russian writes
a date; Django's abbreviations would give "3 май 2026")."""

DATE_FORMAT = "j E Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j E Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
MONTH_DAY_FORMAT = "j E"
TIME_FORMAT = "H:i"
