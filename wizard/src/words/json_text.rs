//! A JSON value written as serde_json's `to_string` writes it, for a fact value that has no
//! words of its own (a number, a list). Written here because serde_json's writer and its
//! float printer (zmij) would be in the wasm only for this: 1.4 KB of its download.

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
        write_float(out, f);
    }
}

/// A float as serde_json writes it: the shortest digits that read back as the same number,
/// plain from 1e-5 to below 1e16 ("15.0", "0.001"), otherwise "1.5e+16", "1e-7".
fn write_float(out: &mut String, f: f64) {
    write_shortest(out, &shortest(f));
}

/// `write_float` from the shortest digits in any of the notations `shortest` gives.
fn write_shortest(out: &mut String, text: &str) {
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let negative = mantissa.starts_with('-');
    let mantissa = mantissa.trim_start_matches('-');
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exp: i32 = exp.trim_start_matches('+').parse().unwrap_or(0);
    let all = format!("{int}{frac}");
    let leading_zeros = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0');
    if negative {
        out.push('-');
    }
    if digits.is_empty() {
        out.push_str("0.0");
        return;
    }
    // The power of ten of the first digit.
    let e = int.len() as i32 + exp - 1 - leading_zeros as i32;
    let len = digits.len() as i32;
    if (-5..=15).contains(&e) {
        if len - 1 <= e {
            out.push_str(digits);
            out.extend(std::iter::repeat_n('0', (e + 1 - len) as usize));
            out.push_str(".0");
        } else if e >= 0 {
            let (whole, part) = digits.split_at(e as usize + 1);
            let _ = write!(out, "{whole}.{part}");
        } else {
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-e - 1) as usize));
            out.push_str(digits);
        }
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        if !rest.is_empty() {
            let _ = write!(out, ".{rest}");
        }
        let _ = write!(out, "e{}{}", if e < 0 { '-' } else { '+' }, e.abs());
    }
}

/// The shortest digits that read back as `f`, in a notation `write_shortest` reads: Rust's
/// `{:e}` ("1.5e1"); in the browser, JavaScript's own (`String(15)`, "1e-7", "1.5e+21"), as
/// Rust's float printer would add its tables to the wasm.
#[cfg(not(target_family = "wasm"))]
fn shortest(f: f64) -> String {
    format!("{f:e}")
}

#[cfg(target_family = "wasm")]
fn shortest(f: f64) -> String {
    js_sys::Number::from(f)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
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
    fn reads_the_notations_javascript_writes() {
        use super::write_shortest;
        let write_float_from = |text: &str| {
            let mut out = String::new();
            write_shortest(&mut out, text);
            out
        };
        for (js, f) in [
            ("15", 15.0),
            ("-0.000001", -1e-6),
            ("1e-7", 1e-7),
            ("1.5e+21", 1.5e21),
            ("123456789012345680000", 1.2345678901234568e20),
            ("0", 0.0),
            ("-0", -0.0),
            ("0.1", 0.1),
        ] {
            assert_eq!(
                write_float_from(js),
                serde_json::to_string(&Value::from(f)).unwrap(),
                "{js}"
            );
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
        // Where 17 digits are needed, two printers may pick different last digits that both
        // read back as the same number: allowed, and counted so that it stays rare.
        let (mut all, mut last_digit) = (0, 0);
        for f in floats.into_iter().filter(|f| f.is_finite()) {
            for f in [f, -f] {
                let v = Value::from(f);
                let (ours, theirs) = (json_text(&v), serde_json::to_string(&v).unwrap());
                all += 1;
                if ours != theirs {
                    last_digit += 1;
                    assert_eq!(ours.len(), theirs.len(), "{theirs}");
                    assert_eq!(
                        ours[..ours.len() - 1],
                        theirs[..theirs.len() - 1],
                        "{theirs}"
                    );
                    assert_eq!(ours.parse::<f64>().unwrap(), f, "{theirs}");
                }
            }
        }
        assert!(last_digit * 100 < all, "{last_digit} of {all} differ");
    }

    #[test]
    fn round_trips_through_serde_json() {
        let v = json!({"list": [1, -2, 3.25, "x\u{1}y"], "deep": {"deeper": [[], {}]}});
        assert_eq!(serde_json::from_str::<Value>(&json_text(&v)).unwrap(), v);
    }
}
