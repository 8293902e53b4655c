//! Types shared by every Taipan crate.
//!
//! The one thing here today is [`Wtf8Buf`]: Python strings may contain lone
//! surrogates (`"\ud800"` is a valid Python literal), which Rust's `String`
//! cannot hold. We store them as WTF-8: UTF-8 where a surrogate code point is
//! encoded with the usual 3-byte scheme. Every valid Rust `str` is valid WTF-8,
//! so the common case costs nothing.

pub mod wtf8;

pub use wtf8::Wtf8Buf;
