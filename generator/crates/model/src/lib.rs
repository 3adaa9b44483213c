//! The site as its content says: the content folder discovered, `site.yaml` and the data,
//! the decision flows, the theme's templates, each page read (front matter, shortcodes,
//! Markdown), the links it makes, the navigation tree and review status, all in a [`site::Site`].

pub mod contacts;
pub mod data;
pub mod discover;
pub mod flows;
pub mod layout;
pub mod left_out;
pub mod link_target;
pub mod nav;
pub mod page;
pub mod page_cache;
pub mod page_edit;
pub mod permalinks;
pub mod redirects;
pub mod review_status;
pub mod settings;
pub mod site;
pub mod theme;
pub mod yaml;
