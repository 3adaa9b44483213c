//! Many findings of one kind, shown as one line: a site moved from another engine has 145
//! pages with no owner, and 145 lines saying so bury the one broken link. Over a handful,
//! `check` and `build` print the kind once, with the count and the fix; `--verbose` prints
//! each, and `check --format json` always keeps every finding.

use std::collections::HashMap;

/// More findings of one kind than this are shown as one line.
pub const HANDFUL: usize = 5;

pub enum Shown<'a, T> {
    One(&'a T),
    /// The first of `count` findings of one kind.
    Many {
        first: &'a T,
        count: usize,
    },
}

/// The findings as they are printed, in their order: those of a kind with more than a
/// handful are one [`Shown::Many`] where the first of them was. `kind` is `None` for what
/// is always shown one by one (errors).
pub fn group<T>(items: &[T], kind: impl Fn(&T) -> Option<String>) -> Vec<Shown<'_, T>> {
    let kinds: Vec<Option<String>> = items.iter().map(&kind).collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in kinds.iter().flatten() {
        *counts.entry(k).or_default() += 1;
    }
    let mut shown_kinds = std::collections::HashSet::new();
    let mut shown = Vec::new();
    for (item, k) in items.iter().zip(&kinds) {
        match k.as_deref().map(|k| (k, counts[k])) {
            Some((k, count)) if count > HANDFUL => {
                if shown_kinds.insert(k) {
                    shown.push(Shown::Many { first: item, count });
                }
            }
            _ => shown.push(Shown::One(item)),
        }
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_a_handful_of_one_kind_is_one_line() {
        let items: Vec<(&str, u32)> = (0..7)
            .map(|i| ("owner", i))
            .chain([("error", 0), ("overdue", 1), ("error", 2)])
            .collect();
        let shown = group(&items, |(kind, _)| {
            (*kind != "error").then(|| kind.to_string())
        });
        let printed: Vec<String> = shown
            .iter()
            .map(|s| match s {
                Shown::One((kind, i)) => format!("{kind} {i}"),
                Shown::Many { first, count } => format!("{} x{count}", first.0),
            })
            .collect();
        assert_eq!(printed, ["owner x7", "error 0", "overdue 1", "error 2"]);
    }
}
