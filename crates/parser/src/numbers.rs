//! Numeric literal values: ints of any base (arbitrary precision), floats
//! and imaginary literals, underscores removed.  The tokenizer has already
//! validated the spelling.

use num_bigint::BigInt;
use taipan_ast::Constant;

/// The value of a NUMBER token's text, or `None` if it is malformed.
pub fn parse_number(text: &str) -> Option<Constant> {
    let clean: std::borrow::Cow<'_, str> = if text.contains('_') {
        text.replace('_', "").into()
    } else {
        text.into()
    };
    let s: &str = &clean;
    let b = s.as_bytes();
    if let Some(rest) = s.strip_suffix(['j', 'J']) {
        let imag = parse_float(rest)?;
        return Some(Constant::Complex { real: 0.0, imag });
    }
    if b.len() > 2 && b[0] == b'0' {
        let radix = match b[1] {
            b'x' | b'X' => 16,
            b'o' | b'O' => 8,
            b'b' | b'B' => 2,
            _ => 0,
        };
        if radix != 0 {
            return parse_int(&s[2..], radix);
        }
    }
    if b.iter().any(|&c| c == b'.' || c == b'e' || c == b'E') {
        return parse_float(s).map(Constant::Float);
    }
    parse_int(s, 10)
}

fn parse_int(digits: &str, radix: u32) -> Option<Constant> {
    if (digits.len() <= 18 || (radix == 16 && digits.len() <= 15))
        && let Ok(v) = i64::from_str_radix(digits, radix)
    {
        return Some(Constant::Int(BigInt::from(v)));
    }
    BigInt::parse_bytes(digits.as_bytes(), radix).map(Constant::Int)
}

fn parse_float(s: &str) -> Option<f64> {
    // Rust's parser is correctly rounded; it overflows to inf like Python.
    s.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(
            parse_number("1_000"),
            Some(Constant::Int(BigInt::from(1000)))
        );
        assert_eq!(parse_number("0xff"), Some(Constant::Int(BigInt::from(255))));
        assert_eq!(parse_number("0o17"), Some(Constant::Int(BigInt::from(15))));
        assert_eq!(parse_number("0b101"), Some(Constant::Int(BigInt::from(5))));
        assert_eq!(parse_number("1.5e3"), Some(Constant::Float(1500.0)));
        assert_eq!(parse_number(".5"), Some(Constant::Float(0.5)));
        assert_eq!(parse_number("1."), Some(Constant::Float(1.0)));
        assert_eq!(
            parse_number("2j"),
            Some(Constant::Complex {
                real: 0.0,
                imag: 2.0
            })
        );
        assert_eq!(parse_number("1e400"), Some(Constant::Float(f64::INFINITY)));
        assert!(matches!(
            parse_number("123456789012345678901234567890"),
            Some(Constant::Int(_))
        ));
    }
}
