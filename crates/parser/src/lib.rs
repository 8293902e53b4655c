//! Tokenizer and parser (see crate description).
