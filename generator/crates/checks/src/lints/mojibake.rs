//! Mojibake: text saved as UTF-8 and read back as Windows-1252, so `’` became `â€™` and `é`
//! became `Ã©` (the seed pages have it). Found by turning suspicious runs of characters back
//! into Windows-1252 bytes and seeing whether those bytes are UTF-8 for one character.

/// A garbled run in a piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Garbled {
    /// Byte offset of the run in the text searched.
    pub offset: usize,
    /// The run as it appears (`â€™`).
    pub text: String,
    /// What it was meant to be (`’`).
    pub meant: String,
}

/// Every garbled run in `text`, in order.
pub fn find(text: &str) -> Vec<Garbled> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (offset, c) = chars[i];
        let continuations = cp1252_byte(c).map_or(0, utf8_continuations);
        if continuations > 0 {
            if let Some(meant) = decode(&chars[i..], continuations) {
                let end = chars
                    .get(i + 1 + continuations)
                    .map_or(text.len(), |(at, _)| *at);
                found.push(Garbled {
                    offset,
                    text: text[offset..end].to_string(),
                    meant: meant.to_string(),
                });
                i += 1 + continuations;
                continue;
            }
            // `”` is E2 80 9D, and 9D is no Windows-1252 character: it is often lost, leaving
            // just `â€`, which is garbled whatever follows.
            if c == 'â' && chars.get(i + 1).is_some_and(|(_, next)| *next == '€') {
                let end = chars.get(i + 2).map_or(text.len(), |(at, _)| *at);
                found.push(Garbled {
                    offset,
                    text: text[offset..end].to_string(),
                    meant: "”".to_string(),
                });
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// The character that `chars[..=n]`, read as Windows-1252 bytes, encodes in UTF-8.
fn decode(chars: &[(usize, char)], continuations: usize) -> Option<char> {
    let run = chars.get(..=continuations)?;
    let bytes: Option<Vec<u8>> = run.iter().map(|(_, c)| cp1252_byte(*c)).collect();
    let bytes = bytes?;
    if !bytes[1..].iter().all(|b| (0x80..=0xBF).contains(b)) {
        return None;
    }
    let decoded = std::str::from_utf8(&bytes).ok()?;
    let mut decoded_chars = decoded.chars();
    let meant = decoded_chars.next()?;
    // Only text that would have been typed: not control characters.
    (decoded_chars.next().is_none() && !meant.is_control()).then_some(meant)
}

/// How many continuation bytes a UTF-8 lead byte needs (0 when `byte` is no lead byte).
fn utf8_continuations(byte: u8) -> usize {
    match byte {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => 0,
    }
}

/// The Windows-1252 byte a character is written as (Latin-1 for the undefined bytes, which
/// is what most programs that produce mojibake do with them).
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [(char, u8); 27] = [
        ('€', 0x80),
        ('‚', 0x82),
        ('ƒ', 0x83),
        ('„', 0x84),
        ('…', 0x85),
        ('†', 0x86),
        ('‡', 0x87),
        ('ˆ', 0x88),
        ('‰', 0x89),
        ('Š', 0x8A),
        ('‹', 0x8B),
        ('Œ', 0x8C),
        ('Ž', 0x8E),
        ('‘', 0x91),
        ('’', 0x92),
        ('“', 0x93),
        ('”', 0x94),
        ('•', 0x95),
        ('–', 0x96),
        ('—', 0x97),
        ('˜', 0x98),
        ('™', 0x99),
        ('š', 0x9A),
        ('›', 0x9B),
        ('œ', 0x9C),
        ('ž', 0x9E),
        ('Ÿ', 0x9F),
    ];
    match u32::from(c) {
        code @ 0x80..=0xFF => Some(code as u8),
        _ => HIGH.iter().find(|(ch, _)| *ch == c).map(|(_, b)| *b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meant(text: &str) -> Vec<(String, String)> {
        find(text).into_iter().map(|g| (g.text, g.meant)).collect()
    }

    #[test]
    fn finds_the_usual_suspects() {
        assert_eq!(meant("donâ€™t"), [("â€™".to_string(), "’".to_string())]);
        assert_eq!(
            meant("CafÃ© costs Â£3 â€“ â€œokâ€\u{9d}"),
            [
                ("Ã©".to_string(), "é".to_string()),
                ("Â£".to_string(), "£".to_string()),
                ("â€“".to_string(), "–".to_string()),
                ("â€œ".to_string(), "“".to_string()),
                ("â€\u{9d}".to_string(), "”".to_string()),
            ]
        );
    }

    #[test]
    fn a_closing_quote_that_lost_its_last_byte() {
        assert_eq!(
            meant("â€œokâ€ said"),
            [
                ("â€œ".to_string(), "“".to_string()),
                ("â€".to_string(), "”".to_string())
            ]
        );
    }

    #[test]
    fn offsets_point_at_the_run() {
        let text = "It’s fine, itâ€™s not";
        let found = find(text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].offset..], "â€™s not");
    }

    #[test]
    fn leaves_real_text_alone() {
        for text in [
            "São Paulo, façade, naïve, Zürich, £30, – and —, “quoted”, ’",
            "Ångström, Øresund, æble, Ça va, À la carte",
            "plain ASCII",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }
}
