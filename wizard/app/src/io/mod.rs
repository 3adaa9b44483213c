//! What the wizard reads and keeps: JSON (`json`), the flow and answers in it
//! (`flow_json`), dates as stored (`iso_date`), the answers in session storage
//! (`storage`), the browser's Back and Forward (`history`) and today's date (`today`).

pub mod flow_json;
pub mod history;
pub mod iso_date;
pub mod json;
pub mod storage;
pub mod today;
