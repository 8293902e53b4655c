//! The numbers of CPython 3.11's regex code (`Lib/re/_constants.py`,
//! MAGIC 20220615): opcodes, `AT_*` position codes, `CATEGORY_*` codes,
//! flags and INFO-block flags.  The code the pure-Python compiler emits is
//! a list of these words; `engine.rs` executes it.

/// The version of the code format, checked by `re._compiler`.
pub const MAGIC: i64 = 20220615;
/// Bytes per code word.
pub const CODESIZE: i64 = 4;
/// "No upper bound" in repeat counts (the largest code word).
pub const MAXREPEAT: u32 = u32::MAX;
/// The largest number of groups a pattern may have (CPython on 64-bit).
pub const MAXGROUPS: i64 = (u32::MAX / 4) as i64;

/// Defines the opcode constants in order from 0, exactly as
/// `_makecodes` numbers them.
macro_rules! codes {
    ($($name:ident),* $(,)?) => { codes!(@ 0u32; $($name,)*); };
    (@ $n:expr; $name:ident, $($rest:ident,)*) => {
        pub const $name: u32 = $n;
        codes!(@ $n + 1; $($rest,)*);
    };
    (@ $n:expr;) => {};
}

/// Opcodes.
pub mod op {
    codes!(
        FAILURE,
        SUCCESS,
        ANY,
        ANY_ALL,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        CHARSET,
        BIGCHARSET,
        GROUPREF,
        GROUPREF_EXISTS,
        IN,
        INFO,
        JUMP,
        LITERAL,
        MARK,
        MAX_UNTIL,
        MIN_UNTIL,
        NOT_LITERAL,
        NEGATE,
        RANGE,
        REPEAT,
        REPEAT_ONE,
        SUBPATTERN,
        MIN_REPEAT_ONE,
        ATOMIC_GROUP,
        POSSESSIVE_REPEAT,
        POSSESSIVE_REPEAT_ONE,
        GROUPREF_IGNORE,
        IN_IGNORE,
        LITERAL_IGNORE,
        NOT_LITERAL_IGNORE,
        GROUPREF_LOC_IGNORE,
        IN_LOC_IGNORE,
        LITERAL_LOC_IGNORE,
        NOT_LITERAL_LOC_IGNORE,
        GROUPREF_UNI_IGNORE,
        IN_UNI_IGNORE,
        LITERAL_UNI_IGNORE,
        NOT_LITERAL_UNI_IGNORE,
        RANGE_UNI_IGNORE,
    );
}

/// Position (`AT`) codes.
pub mod at {
    codes!(
        AT_BEGINNING,
        AT_BEGINNING_LINE,
        AT_BEGINNING_STRING,
        AT_BOUNDARY,
        AT_NON_BOUNDARY,
        AT_END,
        AT_END_LINE,
        AT_END_STRING,
        AT_LOC_BOUNDARY,
        AT_LOC_NON_BOUNDARY,
        AT_UNI_BOUNDARY,
        AT_UNI_NON_BOUNDARY,
    );
}

/// Character category codes.
pub mod cat {
    codes!(
        DIGIT,
        NOT_DIGIT,
        SPACE,
        NOT_SPACE,
        WORD,
        NOT_WORD,
        LINEBREAK,
        NOT_LINEBREAK,
        LOC_WORD,
        LOC_NOT_WORD,
        UNI_DIGIT,
        UNI_NOT_DIGIT,
        UNI_SPACE,
        UNI_NOT_SPACE,
        UNI_WORD,
        UNI_NOT_WORD,
        UNI_LINEBREAK,
        UNI_NOT_LINEBREAK,
    );
}

/// Pattern flags (`re.I`, ...).
pub mod flag {
    pub const TEMPLATE: u32 = 1;
    pub const IGNORECASE: u32 = 2;
    pub const LOCALE: u32 = 4;
    pub const MULTILINE: u32 = 8;
    pub const DOTALL: u32 = 16;
    pub const UNICODE: u32 = 32;
    pub const VERBOSE: u32 = 64;
    pub const DEBUG: u32 = 128;
    pub const ASCII: u32 = 256;

    /// The names `Pattern.__repr__` shows, in CPython's order.
    pub const NAMES: &[(&str, u32)] = &[
        ("re.TEMPLATE", TEMPLATE),
        ("re.IGNORECASE", IGNORECASE),
        ("re.LOCALE", LOCALE),
        ("re.MULTILINE", MULTILINE),
        ("re.DOTALL", DOTALL),
        ("re.UNICODE", UNICODE),
        ("re.VERBOSE", VERBOSE),
        ("re.DEBUG", DEBUG),
        ("re.ASCII", ASCII),
    ];
}

/// Flags of the INFO block.
pub mod info {
    pub const PREFIX: u32 = 1;
    pub const LITERAL: u32 = 2;
    pub const CHARSET: u32 = 4;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_matches_cpython() {
        assert_eq!(op::SUCCESS, 1);
        assert_eq!(op::INFO, 14);
        assert_eq!(op::POSSESSIVE_REPEAT_ONE, 29);
        assert_eq!(op::RANGE_UNI_IGNORE, 42);
        assert_eq!(at::AT_UNI_NON_BOUNDARY, 11);
        assert_eq!(cat::UNI_NOT_LINEBREAK, 17);
    }
}
