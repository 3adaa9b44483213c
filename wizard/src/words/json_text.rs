//! A JSON value written as serde_json's `to_string` writes it, for a fact value that has no
//! words of its own (a number, a list). Written here because serde_json's writer exists in
//! the wasm only for this. Floats go through zmij, serde_json's own float printer.

use serde_json::Value;
use std::fmt::Write;

pub fn json_text(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value);
    out
}

fn write_value(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_value(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item);
            }
            out.push('}');
        }
    }
}

fn write_number(out: &mut String, n: &serde_json::Number) {
    if let Some(u) = n.as_u64() {
        let _ = write!(out, "{u}");
    } else if let Some(i) = n.as_i64() {
        let _ = write!(out, "{i}");
    } else if let Some(f) = n.as_f64() {
        // A JSON number is always finite.
        out.push_str(zmij::Buffer::new().format_finite(f));
    }
}

/// Quotes and the escapes serde_json writes: `\"`, `\\`, the short control escapes, and
/// `\u00xx` for the other control characters.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::json_text;
    use serde_json::{Value, json};

    #[test]
    fn writes_what_serde_json_writes() {
        let values = [
            json!(null),
            json!(true),
            json!(false),
            json!(0),
            json!(15),
            json!(-20),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(1.5),
            json!(15.0),
            json!(-0.0),
            json!(0.1),
            json!(1e-7),
            json!(1e16),
            json!(123456.789),
            json!(f64::MAX),
            json!(f64::MIN_POSITIVE),
            json!(""),
            json!("plain words"),
            json!(
                "quote \" back\\slash / tab\t new\n cr\r bs\u{8} ff\u{c} nul\u{0} unit\u{1f} del\u{7f} é 中 😀"
            ),
            json!([]),
            json!([1, "two", [3.5, null], {"k": false}]),
            json!({}),
            json!({"b": 1, "a": ["x", {"\n": 2.25}], "c\"": null}),
        ];
        for v in values {
            assert_eq!(json_text(&v), serde_json::to_string(&v).unwrap(), "{v:?}");
        }
    }

    #[test]
    fn writes_floats_as_serde_json_writes_them() {
        // Every power of ten, the numbers just either side, and a spread of bit patterns.
        let mut floats: Vec<f64> = (-325..=308)
            .map(|e| format!("1e{e}").parse().unwrap())
            .collect();
        floats.extend(floats.clone().iter().flat_map(|f: &f64| {
            [
                f64::from_bits(f.to_bits() + 1),
                f64::from_bits(f.to_bits().saturating_sub(1)),
            ]
        }));
        let mut bits: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..100_000 {
            bits ^= bits << 13;
            bits ^= bits >> 7;
            bits ^= bits << 17;
            floats.push(f64::from_bits(bits));
            floats.push((bits % 1_000_000) as f64 / 1000.0);
        }
        for f in floats.into_iter().filter(|f| f.is_finite()) {
            for f in [f, -f] {
                let v = Value::from(f);
                assert_eq!(json_text(&v), serde_json::to_string(&v).unwrap(), "{f:e}");
            }
        }
    }

    #[test]
    fn round_trips_through_serde_json() {
        let v = json!({"list": [1, -2, 3.25, "x\u{1}y"], "deep": {"deeper": [[], {}]}});
        assert_eq!(serde_json::from_str::<Value>(&json_text(&v)).unwrap(), v);
    }
}
