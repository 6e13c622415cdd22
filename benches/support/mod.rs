//! What the criterion benches share: finding criterion's estimates on disk,
//! so that a bench can print the ratios of one run side by side.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Where criterion writes its estimates: `$CRITERION_HOME`, else
/// `$CARGO_TARGET_DIR/criterion`, else the `criterion` folder of the target
/// directory that holds this executable (`target/release/deps/NAME-*`).
pub fn criterion_home() -> PathBuf {
    if let Some(home) = std::env::var_os("CRITERION_HOME") {
        return home.into();
    }
    if let Some(target) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(target).join("criterion");
    }
    let exe = std::env::current_exe().expect("the bench knows its own path");
    exe.ancestors()
        .nth(3)
        .map(|target| target.join("criterion"))
        .unwrap_or_else(|| PathBuf::from("target/criterion"))
}

/// Criterion's median for `group/function` in nanoseconds, when it was
/// written since `since` (a function left out by a filter has none).
pub fn median_ns(home: &Path, group: &str, function: &str, since: SystemTime) -> Option<f64> {
    let path = home
        .join(group)
        .join(function)
        .join("new")
        .join("estimates.json");
    let modified = std::fs::metadata(&path).ok()?.modified().ok()?;
    if modified < since {
        return None;
    }
    let text = std::fs::read(&path).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&text).ok()?;
    value["median"]["point_estimate"].as_f64()
}

/// The median of some values (the mean of the middle two for an even count).
#[allow(dead_code)] // not every bench takes medians of its own
pub fn median(values: &[f64]) -> f64 {
    let mut values = values.to_vec();
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}
