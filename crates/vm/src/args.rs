//! Call arguments and CPython-compatible argument checking.
//!
//! Calls use the "vectorcall" shape: one slice `args` holding the positional
//! arguments followed by the keyword values, and `kwnames` holding the
//! keyword names (str objects), so `positional = args[..args.len() -
//! kwnames.len()]`.  For methods, `args[0]` is `self`.
//!
//! The checkers reproduce CPython's messages for each calling convention:
//!
//! | helper            | CPython convention            | message shape |
//! |-------------------|-------------------------------|---------------|
//! | `no_args`         | `METH_NOARGS`                 | `list.clear() takes no arguments (1 given)` |
//! | `one_arg`         | `METH_O`                      | `list.append() takes exactly one argument (0 given)` |
//! | `exact`           | clinic, positional only       | `insert expected 2 arguments, got 1` |
//! | `range`           | clinic, optional positionals  | `pop expected at most 1 argument, got 2` |
//! | `bind`            | clinic with keywords          | `split() takes at most 2 arguments (3 given)` |
//! | `no_kwargs`       | any                           | `list.append() takes no keyword arguments` |

use crate::error::{PyResult, type_error};
use crate::types::str::PyStr;
use crate::value::PyRef;

/// Arguments of one call; see the module documentation.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    pub args: &'a [PyRef],
    pub kwnames: &'a [PyRef],
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

impl<'a> Args<'a> {
    /// Positional-only arguments.
    #[inline]
    pub fn pos(args: &'a [PyRef]) -> Args<'a> {
        Args { args, kwnames: &[] }
    }

    #[inline]
    pub fn new(args: &'a [PyRef], kwnames: &'a [PyRef]) -> Args<'a> {
        Args { args, kwnames }
    }

    /// The positional arguments.
    #[inline]
    pub fn positional(&self) -> &'a [PyRef] {
        &self.args[..self.args.len() - self.kwnames.len()]
    }

    /// The keyword values (parallel to `kwnames`).
    #[inline]
    pub fn kwvalues(&self) -> &'a [PyRef] {
        &self.args[self.args.len() - self.kwnames.len()..]
    }

    #[inline]
    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// `(name, value)` pairs of the keyword arguments.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a PyRef, &'a PyRef)> {
        self.kwnames.iter().zip(self.kwvalues())
    }

    /// Drops the first positional argument (`self`).
    #[inline]
    pub fn shift(&self) -> Args<'a> {
        if self.args.len() > self.kwnames.len() {
            Args {
                args: &self.args[1..],
                kwnames: self.kwnames,
            }
        } else {
            *self
        }
    }

    /// `f() takes no keyword arguments`.
    pub fn no_kwargs(&self, fname: &str) -> PyResult<()> {
        if self.has_kwargs() {
            return Err(type_error(format!("{fname}() takes no keyword arguments")));
        }
        Ok(())
    }

    /// `METH_NOARGS` (the slice given excludes `self`).
    pub fn no_args(&self, fname: &str) -> PyResult<()> {
        self.no_kwargs(fname)?;
        if !self.args.is_empty() {
            return Err(type_error(format!(
                "{fname}() takes no arguments ({} given)",
                self.args.len()
            )));
        }
        Ok(())
    }

    /// `METH_O`: exactly one positional argument.
    pub fn one_arg(&self, fname: &str) -> PyResult<&'a PyRef> {
        self.no_kwargs(fname)?;
        match self.args {
            [a] => Ok(a),
            _ => Err(type_error(format!(
                "{fname}() takes exactly one argument ({} given)",
                self.args.len()
            ))),
        }
    }

    /// Exactly `N` positional arguments (`name expected N arguments, got M`).
    pub fn exact<const N: usize>(&self, fname: &str) -> PyResult<&'a [PyRef; N]> {
        self.no_kwargs(fname)?;
        self.args.try_into().map_err(|_| {
            type_error(format!(
                "{fname} expected {N} argument{}, got {}",
                plural(N),
                self.args.len()
            ))
        })
    }

    /// CPython's old-style argument count check for the arguments after
    /// `self` (`find() takes at most 3 arguments (4 given)`); keywords are
    /// refused in the direct method-call form, which names the type
    /// (`str.find() takes no keyword arguments`).
    pub fn old_style_count(
        &self,
        owner: &str,
        name: &str,
        min: usize,
        max: usize,
    ) -> PyResult<&'a [PyRef]> {
        if self.has_kwargs() {
            self.no_kwargs(&format!("{owner}.{name}"))?;
        }
        let n = self.args.len();
        if n < min {
            return Err(type_error(format!(
                "{name}() takes at least {min} argument{} ({n} given)",
                plural(min)
            )));
        }
        if n > max {
            return Err(type_error(format!(
                "{name}() takes at most {max} arguments ({n} given)"
            )));
        }
        Ok(self.args)
    }

    /// Between `min` and `max` positional arguments.
    pub fn range(&self, fname: &str, min: usize, max: usize) -> PyResult<&'a [PyRef]> {
        self.no_kwargs(fname)?;
        let n = self.args.len();
        if n < min {
            if min == max {
                return Err(type_error(format!(
                    "{fname} expected {min} argument{}, got {n}",
                    plural(min)
                )));
            }
            return Err(type_error(format!(
                "{fname} expected at least {min} argument{}, got {n}",
                plural(min)
            )));
        }
        if n > max {
            return Err(type_error(format!(
                "{fname} expected at most {max} argument{}, got {n}",
                plural(max)
            )));
        }
        Ok(self.args)
    }

    /// Binds positional and keyword arguments to `names` (the first
    /// `posonly` of which are positional-only); the first `required` are
    /// required.  Returns one `Option` per name.
    pub fn bind<const N: usize>(
        &self,
        fname: &str,
        names: [&str; N],
        posonly: usize,
        required: usize,
    ) -> PyResult<[Option<PyRef>; N]> {
        let mut out: [Option<PyRef>; N] = std::array::from_fn(|_| None);
        let pos = self.positional();
        if pos.len() > N {
            return Err(type_error(format!(
                "{fname}() takes at most {N} argument{} ({} given)",
                plural(N),
                pos.len() + self.kwnames.len()
            )));
        }
        for (slot, v) in out.iter_mut().zip(pos) {
            *slot = Some(v.clone());
        }
        for (k, v) in self.kwargs() {
            let kname = k
                .downcast::<PyStr>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            match names.iter().position(|n| *n == kname) {
                Some(i) if i >= posonly => {
                    if out[i].is_some() {
                        return Err(type_error(format!(
                            "argument for {fname}() given by name ('{kname}') and position ({})",
                            i + 1
                        )));
                    }
                    out[i] = Some(v.clone());
                }
                _ => {
                    return Err(type_error(format!(
                        "'{kname}' is an invalid keyword argument for {fname}()"
                    )));
                }
            }
        }
        for i in 0..required.min(N) {
            if out[i].is_none() {
                return Err(type_error(format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )));
            }
        }
        Ok(out)
    }
}
