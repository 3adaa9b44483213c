//! URL paths in the built site: relative links between output files, the way up to the
//! root, percent-encoding, and `a/../b` made plain.

use std::path::{Component, Path, PathBuf};

/// `a/b/../c` -> `a/c`; `None` if it climbs above the root.
pub fn normalise(path: &Path) -> Option<PathBuf> {
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.iter().collect())
}

/// The relative prefix from a page's output file to the site root: `""` or `"../../"`.
pub fn root_prefix(output: &Path) -> String {
    let depth = output.components().count().saturating_sub(1);
    "../".repeat(depth)
}

/// The link from a page in `folder` to `target` (both paths in the site), as short as it
/// can be: from `a/b`, `a/b/c.html` is `c.html` and `a/d/e.html` is `../d/e.html`.
pub fn relative_url(folder: &Path, target: &Path) -> String {
    let from: Vec<_> = folder.components().collect();
    let to: Vec<_> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    path.extend(&to[common..]);
    let url = url_path(&path);
    // `a:b.html` would read as a URL with the scheme `a`; `./a:b.html` is the file.
    if url
        .split('/')
        .next()
        .is_some_and(|first| first.contains(':'))
    {
        format!("./{url}")
    } else {
        url
    }
}

/// `a/b c.html` as a URL path: forward slashes, spaces and other unsafe bytes escaped.
pub fn url_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    percent_encoding::utf8_percent_encode(&text, PATH_ESCAPES).to_string()
}

const PATH_ESCAPES: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The scheme of an absolute URL (`https`, `mailto`, `javascript`), if it has one.
pub fn scheme_of(url: &str) -> Option<&str> {
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_urls_are_as_short_as_they_can_be() {
        let from = Path::new("a/b");
        assert_eq!(relative_url(from, Path::new("a/b/c.html")), "c.html");
        assert_eq!(
            relative_url(from, Path::new("a/d/e f.html")),
            "../d/e%20f.html"
        );
        assert_eq!(
            relative_url(from, Path::new("index.html")),
            "../../index.html"
        );
        assert_eq!(
            relative_url(from, Path::new("a/b/c/index.html")),
            "c/index.html"
        );
        assert_eq!(
            relative_url(Path::new(""), Path::new("a/x.html")),
            "a/x.html"
        );
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix(Path::new("index.html")), "");
        assert_eq!(root_prefix(Path::new("a/b/c.html")), "../../");
    }
}
