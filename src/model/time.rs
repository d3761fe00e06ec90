//! Turning the many shapes of a timestamp into epoch milliseconds.
//!
//! clerk-js hands out `Date` objects (`session.expireAt`), FAPI JSON carries numbers of
//! milliseconds, and hand-written test doubles use numeric or ISO-8601 strings. All of them
//! read here; NaN, ±Infinity, invalid `Date`s and moments a JS `Date` cannot hold are errors.

use super::problem::FieldProblem;
use super::raw::RawValue;

/// The largest distance from the epoch a JS `Date` can represent (±100,000,000 days).
const MAX_DATE_MS: f64 = 8.64e15;

/// Reads a time as epoch milliseconds. `undefined` and `null` mean "no time" (`Ok(None)`).
///
/// ```
/// use leptos_clerk::model::{time_ms, RawValue};
/// let iso: RawValue<()> = RawValue::Text("2026-01-02T03:04:05.678Z".into());
/// assert_eq!(time_ms(&iso), Ok(Some(1_767_323_045_678)));
/// assert!(time_ms::<()>(&RawValue::Date(f64::NAN)).is_err());
/// ```
pub fn time_ms<O>(value: &RawValue<O>) -> Result<Option<i64>, FieldProblem> {
    match value {
        RawValue::Missing | RawValue::Null => Ok(None),
        RawValue::Number(ms) => finite_ms(*ms).map(Some),
        RawValue::Date(ms) => finite_ms(*ms).map(Some),
        RawValue::Text(text) => text_ms(text).map(Some),
        other => Err(FieldProblem::WrongType {
            expected: "a Date, a number of milliseconds or an ISO-8601 string",
            found: other.type_name(),
        }),
    }
}

fn finite_ms(ms: f64) -> Result<i64, FieldProblem> {
    if ms.is_nan() {
        return Err(FieldProblem::InvalidTime("NaN (an invalid Date)".into()));
    }
    if !ms.is_finite() || ms.abs() > MAX_DATE_MS {
        // No number in the message: formatting a float would link Rust's float printer
        // (about 10 KiB of wasm) for an error nobody reads digit by digit.
        return Err(FieldProblem::InvalidTime(OUT_OF_RANGE.into()));
    }
    // In range, so the cast is exact up to the sub-millisecond part we drop on purpose.
    Ok(ms.round() as i64)
}

const OUT_OF_RANGE: &str = "beyond the ±8.64e15 ms a JS Date can hold";

fn text_ms(text: &str) -> Result<i64, FieldProblem> {
    let text = text.trim();
    if let Some(ms) = decimal_ms(text) {
        return ms;
    }
    parse_iso8601(text)
        .ok_or_else(|| FieldProblem::InvalidTime(format!("\"{text}\" is neither ISO-8601 nor a number")))
}

/// A number of milliseconds written in decimal (`"1767323045678"`, `" -1000.5 "`), read
/// without Rust's float parser, which would add about 10 KiB of wasm for a shape only
/// hand-written doubles use. `None` when `text` is not a plain decimal number.
fn decimal_ms(text: &str) -> Option<Result<i64, FieldProblem>> {
    let (negative, digits) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(digits), _) => (true, digits),
        (None, Some(digits)) => (false, digits),
        (None, None) => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return None;
    }
    let out_of_range = || Err(FieldProblem::InvalidTime(OUT_OF_RANGE.into()));
    let Ok(mut ms) = whole.parse::<i64>() else {
        return Some(out_of_range());
    };
    // Round half away from zero, as `f64::round` did for the same text.
    if fraction.as_bytes().first().is_some_and(|digit| *digit >= b'5') {
        ms += 1;
    }
    if ms.unsigned_abs() > MAX_DATE_MS as u64 {
        return Some(out_of_range());
    }
    Some(Ok(if negative { -ms } else { ms }))
}

/// Parses `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]` (no zone means UTC) to epoch ms.
fn parse_iso8601(text: &str) -> Option<i64> {
    let (date, rest) = text.split_at_checked(10)?;
    let mut parts = date.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * 86_400_000;
    if !rest.is_empty() {
        let rest = rest.strip_prefix(['T', 't', ' '])?;
        let zone_at = rest.find(['Z', 'z', '+', '-']).unwrap_or(rest.len());
        let (clock, zone) = rest.split_at_checked(zone_at)?;
        ms += clock_ms(clock)?;
        ms -= zone_offset_ms(zone)?;
    }
    // A date alone can be out of range too ("999999-1-1").
    (ms.unsigned_abs() as f64 <= MAX_DATE_MS).then_some(ms)
}

fn clock_ms(clock: &str) -> Option<i64> {
    let (hms, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut fields = hms.split(':');
    let hours: i64 = fields.next()?.parse().ok()?;
    let minutes: i64 = fields.next()?.parse().ok()?;
    let seconds: i64 = fields.next().map_or(Some(0), |s| s.parse().ok())?;
    if fields.next().is_some() || hours > 23 || minutes > 59 || seconds > 60 {
        return None;
    }
    let millis = if fraction.is_empty() {
        0
    } else if fraction.bytes().all(|b| b.is_ascii_digit()) {
        // Keep three digits: "5" is 500 ms, "123456" is 123 ms.
        format!("{fraction:0<3}").get(..3)?.parse::<i64>().ok()?
    } else {
        return None;
    };
    Some(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
}

fn zone_offset_ms(zone: &str) -> Option<i64> {
    match zone {
        "" | "Z" | "z" => Some(0),
        _ if !zone.is_ascii() => None,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            // Every slice is checked: a panicking one would link core's slice-error
            // formatting, and with it Unicode tables, for input we already refuse.
            let digits = zone.get(1..)?;
            let (hours, minutes) = match digits.split_once(':') {
                Some(split) => split,
                None => digits.split_at_checked(digits.len().min(2))?,
            };
            let hours: i64 = hours.parse().ok()?;
            let minutes: i64 = if minutes.is_empty() {
                0
            } else {
                minutes.parse().ok()?
            };
            if hours > 23 || minutes > 59 {
                return None;
            }
            // Checked: the digits may be many, or carry a sign of their own ("+-9…").
            hours
                .checked_mul(60)?
                .checked_add(minutes)?
                .checked_mul(sign * 60_000)
        }
    }
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(value: RawValue<()>) -> Result<Option<i64>, FieldProblem> {
        time_ms(&value)
    }

    #[test]
    fn huge_zone_offsets_and_far_dates_are_invalid_not_panics() {
        for text in [
            "2026-01-01T10:00+9999999999999:00",
            "2026-01-01T10:00+-9223372036854775808:00",
            "999999-1-1",
        ] {
            assert!(
                matches!(
                    read(RawValue::Text(text.into())),
                    Err(FieldProblem::InvalidTime(_))
                ),
                "{text}"
            );
        }
    }

    #[test]
    fn absent_values_are_no_time() {
        assert_eq!(read(RawValue::Missing), Ok(None));
        assert_eq!(read(RawValue::Null), Ok(None));
    }

    #[test]
    fn dates_numbers_and_numeric_strings_agree() {
        let ms = 1_767_323_045_678;
        assert_eq!(read(RawValue::Date(ms as f64)), Ok(Some(ms)));
        assert_eq!(read(RawValue::Number(ms as f64)), Ok(Some(ms)));
        assert_eq!(read(RawValue::Text(format!(" {ms} "))), Ok(Some(ms)));
        assert_eq!(
            read(RawValue::Text("2026-01-02T03:04:05.678Z".into())),
            Ok(Some(ms))
        );
        assert_eq!(
            read(RawValue::Text("2026-01-02T04:04:05.678+01:00".into())),
            Ok(Some(ms))
        );
    }

    #[test]
    fn decimal_strings_round_half_away_from_zero_as_js_numbers_do() {
        for (text, ms) in [
            ("1000.5", 1001),
            ("-1000.5", -1001),
            ("+12.49", 12),
            ("-0", 0),
            ("7.", 7),
        ] {
            assert_eq!(read(RawValue::Text(text.into())), Ok(Some(ms)), "{text}");
        }
        for bad in [
            "99999999999999999999",
            "9000000000000000",
            "1e3",
            "--1",
            ".5",
            "1.2.3",
        ] {
            assert!(
                matches!(
                    read(RawValue::Text(bad.into())),
                    Err(FieldProblem::InvalidTime(_))
                ),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_before_1970_and_after_2100_read() {
        assert_eq!(
            read(RawValue::Text("1969-12-31T23:59:59Z".into())),
            Ok(Some(-1000))
        );
        assert_eq!(
            read(RawValue::Text("2101-03-01".into())),
            Ok(Some(4_139_078_400_000))
        );
        assert_eq!(read(RawValue::Date(-86_400_000.0)), Ok(Some(-86_400_000)));
    }

    #[test]
    fn invalid_times_are_errors_not_panics() {
        for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 9e15] {
            assert!(matches!(
                read(RawValue::Date(bad)),
                Err(FieldProblem::InvalidTime(_))
            ));
            assert!(matches!(
                read(RawValue::Number(bad)),
                Err(FieldProblem::InvalidTime(_))
            ));
        }
        for bad in [
            "",
            "soon",
            "2026-13-01",
            "2026-02-30",
            "2026-01-01T25:00Z",
            "2026-01-01T10:00+99:00",
            "é2026-01-01",
            "2026-01-01T10:00+é",
        ] {
            assert!(
                matches!(
                    read(RawValue::Text(bad.into())),
                    Err(FieldProblem::InvalidTime(_))
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            read(RawValue::Bool(true)),
            Err(FieldProblem::WrongType { found: "boolean", .. })
        ));
        assert!(matches!(
            read(RawValue::Object(())),
            Err(FieldProblem::WrongType { found: "object", .. })
        ));
    }
}
