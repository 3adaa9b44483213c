//! Signpost's ground floor, with no idea what a site is: problems and how they are printed,
//! file writing and the atomic swap of the output folder, the name of every file a site
//! reads or writes, dates, slugs, the HTML scanners, the line index, URL paths, timings.

pub mod console;
pub mod dates;
pub mod diagnostic;
pub mod grouping;
pub mod html_scan;
pub mod html_urls;
pub mod line_index;
pub mod mail_address;
pub mod names;
pub mod page_forms;
pub mod slug;
pub mod timing;
pub mod url_path;
pub mod write;
