//! (placeholder: filled by the work on issue 4)

use crate::diagnostics::Diagnostic;
use crate::site::Site;
use chrono::NaiveDate;
use std::path::Path;

pub fn write(_site: &Site, _today: NaiveDate, _out: &Path) -> Result<(), Vec<Diagnostic>> {
    Ok(())
}
