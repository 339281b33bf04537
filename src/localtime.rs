//! Wall-clock times in the user's time zone, Vietnamese style ("14:32", "05/09/2024 14:32").

use std::time::SystemTime;

fn zoned(t: SystemTime) -> Option<jiff::ZonedDateTime> {
    let ts = jiff::Timestamp::try_from(t).ok()?;
    Some(ts.to_zoned_datetime(jiff::tz::TimeZone::system()))
}

/// "dd/mm/yyyy HH:MM", or "" when the time cannot be shown.
pub fn date_time(t: SystemTime) -> String {
    zoned(t).map_or_else(String::new, |z| z.strftime("%d/%m/%Y %H:%M").to_string())
}

/// "dd/mm/yyyy HH:MM:SS", or "" when the time cannot be shown.
pub fn date_time_seconds(t: SystemTime) -> String {
    zoned(t).map_or_else(String::new, |z| z.strftime("%d/%m/%Y %H:%M:%S").to_string())
}

/// "HH:MM", or "" when the time cannot be shown.
pub fn hour_minute(t: SystemTime) -> String {
    zoned(t).map_or_else(String::new, |z| z.strftime("%H:%M").to_string())
}

/// "20260905-143200", for file names.
pub fn stamp(t: SystemTime) -> String {
    zoned(t).map_or_else(|| "0".into(), |z| z.strftime("%Y%m%d-%H%M%S").to_string())
}
