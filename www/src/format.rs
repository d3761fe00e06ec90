//! Human-readable times for the demo.

use wasm_bindgen::JsValue;

/// "6 d 23:59:58", "4:59:07", "0:42"; "expired" once past.
pub fn countdown(ms: i64) -> String {
    if ms <= 0 {
        return "expired".into();
    }
    let total = ms / 1000;
    let (days, hours, minutes, seconds) = (total / 86_400, total / 3600 % 24, total / 60 % 60, total % 60);
    match (days, hours) {
        (0, 0) => format!("{minutes}:{seconds:02}"),
        (0, _) => format!("{hours}:{minutes:02}:{seconds:02}"),
        _ => format!("{days} d {hours:02}:{minutes:02}:{seconds:02}"),
    }
}

/// "just now", "42 s ago", "5 min ago", "3 h ago".
pub fn ago(ms: i64) -> String {
    let secs = (ms / 1000).max(0);
    match secs {
        0..=4 => "just now".into(),
        5..=59 => format!("{secs} s ago"),
        60..=3599 => format!("{} min ago", secs / 60),
        _ => format!("{} h ago", secs / 3600),
    }
}

/// The moment in the browser's locale, e.g. "3 Dec 2026, 14:05:09".
pub fn local_time(epoch_ms: i64) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(epoch_ms as f64));
    String::from(date.to_locale_string("en-GB", &JsValue::UNDEFINED))
}
