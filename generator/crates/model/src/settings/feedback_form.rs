//! The organisation's feedback form (`feedback_form` in `site.yaml`): "Was this page useful?
//! Yes / No" links open it with the page's title, its address and the answer as query
//! parameters, so feedback works on a machine with no mail program.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

/// Why `address` cannot be the feedback form, if it cannot: it must be an `https://`
/// address with a host, that a page can link to as it is and add a query to.
pub fn problem(address: &str) -> Option<&'static str> {
    let Some(rest) = address.strip_prefix("https://") else {
        return Some("must be an https:// web address, the organisation's form service");
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, port) = match rest[..host_end].split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (&rest[..host_end], None),
    };
    let host_ok = !host.is_empty()
        && host.split('.').all(|label| {
            !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !host_ok || port.is_some_and(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit())) {
        return Some("must be a web address with a host name after https://");
    }
    if address
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\".contains(c))
    {
        return Some("must be a web address without spaces, quotes or angle brackets");
    }
    if address.contains('#') {
        return Some(
            "must not end in a #fragment: the page's title and address are added after it as a query",
        );
    }
    None
}

/// The form's address with `page` (the title), `url` (the page's address) and `useful`
/// (`yes` or `no`) added to any query it already has.
pub fn link(form: &str, title: &str, page_address: &str, useful: bool) -> String {
    let join = if !form.contains('?') {
        "?"
    } else if form.ends_with(['?', '&']) {
        ""
    } else {
        "&"
    };
    format!(
        "{form}{join}page={}&url={}&useful={}",
        utf8_percent_encode(title, NON_ALPHANUMERIC),
        utf8_percent_encode(page_address, NON_ALPHANUMERIC),
        if useful { "yes" } else { "no" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_addresses_with_a_host() {
        for good in [
            "https://forms.example.gov.uk/feedback",
            "https://forms/",
            "https://forms.example.org:8443/f?id=12&lang=en",
            "https://forms.example.org",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for bad in [
            "http://forms.example.org/f",
            "javascript:alert(1)",
            "forms.example.org",
            "https://",
            "https:///path",
            "https://user@evil.example/",
            "https://forms..example.org/",
            "https://forms.example.org:x/",
            "https://forms.example.org/a b",
            "https://forms.example.org/\"><script>",
            "https://forms.example.org/f#top",
        ] {
            assert!(problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn the_page_is_added_to_the_query() {
        assert_eq!(
            link(
                "https://f.example/x",
                "Travel & you",
                "https://s.example/a b.html",
                true
            ),
            "https://f.example/x?page=Travel%20%26%20you&url=https%3A%2F%2Fs%2Eexample%2Fa%20b%2Ehtml&useful=yes"
        );
        assert_eq!(
            link("https://f.example/x?form=7", "T", "t.html", false),
            "https://f.example/x?form=7&page=T&url=t%2Ehtml&useful=no"
        );
        assert_eq!(
            link("https://f.example/x?", "T", "t.html", false),
            "https://f.example/x?page=T&url=t%2Ehtml&useful=no"
        );
    }
}
