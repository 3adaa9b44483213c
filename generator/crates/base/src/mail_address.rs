//! What counts as a mail address in settings and front matter (`feedback`): one `@`
//! between a name and a domain, and nothing a `mailto:` link would read as more than an
//! address (`?cc=`, `&bcc=`, `,` for a second recipient, `#`, `%` escapes, spaces).

pub fn is_mail_address(text: &str) -> bool {
    let Some((name, domain)) = text.split_once('@') else {
        return false;
    };
    let plain = |part: &str| {
        !part.is_empty()
            && part.chars().all(|c| {
                !c.is_whitespace()
                    && !c.is_control()
                    && !matches!(
                        c,
                        '@' | '?'
                            | '&'
                            | '#'
                            | '%'
                            | ','
                            | ';'
                            | ':'
                            | '/'
                            | '<'
                            | '>'
                            | '"'
                            | '\''
                            | '\\'
                    )
            })
    };
    plain(name)
        && plain(domain)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_and_nothing_more() {
        assert!(is_mail_address("itpolicycontent@digital.justice.gov.uk"));
        assert!(is_mail_address("first.last+policy@example.org"));
        for bad in [
            "x@example.com?cc=attacker@evil.example",
            "x@example.com&bcc=a@b.c",
            "x@example.com,y@example.com",
            "x@example.com#top",
            "x%40y@example.com",
            "x @example.com",
            "x@example",
            "@example.com",
            "x@",
            "nobody",
            "x@@example.com",
            "x@exa\u{0}mple.com",
        ] {
            assert!(!is_mail_address(bad), "{bad}");
        }
    }
}
