//! Checks of a whole site model: links and anchors across pages, replaced pages, files
//! written over each other (what `build` refuses), and the editors' lints (what `check`
//! adds). Never renders: `signpost check` asks the render crate for that itself.

pub mod cross_page;
pub mod finding;
pub mod keep_going;
pub mod lints;
pub mod name_clashes;
pub mod report;
