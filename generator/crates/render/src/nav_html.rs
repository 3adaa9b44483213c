//! The navigation tree as HTML, for the page template.

use signpost_model::nav::NavItem;

/// The navigation as HTML for a page whose link is `current`: nested lists, folders on the
/// way open (`class="open"`), the page marked (`class="current"`, `aria-current="page"`).
/// Made here, not in a template: every page has one, and on a large site the template
/// engine spent half of all page rendering on it. Templates place it as `nav_html`.
pub fn nav_html(items: &[NavItem], current: &str) -> String {
    if items.is_empty() {
        // No list at all, so a template's `{% if nav_html %}` leaves out the whole box.
        return String::new();
    }
    let mut html = String::with_capacity(items.len() * 80);
    push_list(&mut html, items, current);
    html
}

fn push_list(html: &mut String, items: &[NavItem], current: &str) {
    html.push_str("<ul>\n");
    for item in items {
        let is_current = item.href == current;
        html.push_str(if is_current {
            "<li class=\"current\">"
        } else if item.open {
            "<li class=\"open\">"
        } else {
            "<li>"
        });
        html.push_str("<a href=\"");
        html.push_str(&html_escape::encode_double_quoted_attribute(&item.href));
        html.push('"');
        if is_current {
            html.push_str(" aria-current=\"page\"");
        }
        html.push('>');
        html.push_str(&html_escape::encode_text(&item.title));
        html.push_str("</a>");
        if !item.children.is_empty() {
            html.push('\n');
            push_list(html, &item.children, current);
        }
        html.push_str("</li>\n");
    }
    html.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, href: &str, open: bool, children: Vec<NavItem>) -> NavItem {
        NavItem {
            title: title.to_string(),
            href: href.to_string(),
            open,
            children,
        }
    }

    #[test]
    fn no_items_no_list() {
        assert_eq!(nav_html(&[], "index.html"), "");
    }

    #[test]
    fn marks_the_current_page_and_the_open_folders_and_escapes() {
        let items = vec![
            item("Home & <away>", "index.html", false, vec![]),
            item(
                "Travel",
                "travel/index.html",
                true,
                vec![item("Overseas", "travel/a\"b.html", false, vec![])],
            ),
        ];
        assert_eq!(
            nav_html(&items, "travel/a\"b.html"),
            "<ul>\n<li><a href=\"index.html\">Home &amp; &lt;away&gt;</a></li>\n\
             <li class=\"open\"><a href=\"travel/index.html\">Travel</a>\n\
             <ul>\n<li class=\"current\"><a href=\"travel/a&quot;b.html\" aria-current=\"page\">Overseas</a></li>\n</ul></li>\n</ul>"
        );
    }
}
