//! `#Heading` without its space, as old publishing tools accepted it.

/// `#Heading` (no space) was accepted by the old publishing tool; CommonMark needs the space.
/// Returns the fixed text and the body lines (1-based) that needed it. Code blocks are left
/// alone.
pub fn fix_legacy_headings(body: &str) -> (std::borrow::Cow<'_, str>, Vec<usize>) {
    let mut fixed_lines = Vec::new();
    // Most pages have no such line anywhere, code included: looking only at the lines that
    // start with `#` (memchr finds them) settles it without following fences line by line.
    let bytes = body.as_bytes();
    let may_have_one = memchr::memchr_iter(b'#', bytes)
        .filter(|&at| at == 0 || bytes[at - 1] == b'\n')
        .any(|at| legacy_heading_hashes(&body[at..]).is_some());
    if !may_have_one {
        return (std::borrow::Cow::Borrowed(body), fixed_lines);
    }
    let mut in_fence: Option<char> = None;
    for (index, line) in body.lines().enumerate() {
        let trimmed = line.trim_start();
        for (fence, c) in [("```", '`'), ("~~~", '~')] {
            if trimmed.starts_with(fence) {
                in_fence = if in_fence == Some(c) {
                    None
                } else {
                    in_fence.or(Some(c))
                };
            }
        }
        if in_fence.is_none() && line.starts_with('#') && legacy_heading_hashes(line).is_some() {
            fixed_lines.push(index + 1);
        }
    }
    if fixed_lines.is_empty() {
        return (std::borrow::Cow::Borrowed(body), fixed_lines);
    }
    // Most pages have none, so the copy is made only when one was found.
    let mut out = String::with_capacity(body.len() + fixed_lines.len());
    for (index, line) in body.split_inclusive('\n').enumerate() {
        match legacy_heading_hashes(line)
            .filter(|_| fixed_lines.binary_search(&(index + 1)).is_ok())
        {
            Some(hashes) => {
                out.push_str(&line[..hashes]);
                out.push(' ');
                out.push_str(&line[hashes..]);
            }
            None => out.push_str(line),
        }
    }
    (std::borrow::Cow::Owned(out), fixed_lines)
}

/// The number of `#` when `line` is a heading written without its space (`##Contacts`).
fn legacy_heading_hashes(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|b| *b == b'#').count();
    let next = line[hashes..].chars().next();
    ((1..=6).contains(&hashes) && next.is_some_and(|c| !c.is_whitespace() && c != '#'))
        .then_some(hashes)
}
