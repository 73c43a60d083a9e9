//! The default output directory's timestamp, spelled as connector-py spells it: the UTC time
//! in ISO 8601 (as Python's `isoformat`) with every character that is not a letter, digit or `_` replaced by `-`
//! (`2026-12-03T09-10-09-123456-00-00`).

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, as a path segment.
pub(super) fn now_for_path() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    spelled(since.as_secs(), since.subsec_micros())
}

fn spelled(seconds: u64, micros: u32) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let (year, month, day) = civil_from_days(days);
    let of_day = seconds % 86_400;
    // Python's `isoformat` leaves out a zero fraction.
    let fraction = if micros == 0 {
        String::new()
    } else {
        format!("-{micros:06}")
    };
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}-{:02}-{:02}{fraction}-00-00",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60
    )
}

/// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_connector_py_spells_it() {
        assert_eq!(spelled(0, 0), "1970-01-01T00-00-00-00-00");
        // 2026-12-03T09:10:09.123456+00:00
        assert_eq!(
            spelled(1_796_289_009, 123_456),
            "2026-12-03T09-10-09-123456-00-00"
        );
        // A leap day.
        assert_eq!(spelled(951_782_400, 7), "2000-02-29T00-00-00-000007-00-00");
    }
}
