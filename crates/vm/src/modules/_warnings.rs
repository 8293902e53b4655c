//! The `_warnings` module: the warning machinery `Lib/warnings.py` uses
//! when it exists (`warn`, `warn_explicit`, `filters`, `_defaultaction`,
//! `_onceregistry`, `_filters_mutated`).  Having it means `import
//! warnings` does not need `re` (the pure-Python fallback compiles its
//! default filters with regular expressions).
//!
//! Written as a Python prelude following CPython's `_warnings.c` rules:
//! the frame at `stacklevel` gives filename, line, module and the
//! `__warningregistry__`; filters are matched in order (a `None`
//! pattern always matches, a str pattern must be equal, anything else is
//! called with `.match`); actions `error`, `ignore`, `always`, `default`,
//! `module`, `once`; once `warnings` is imported its `filters`,
//! `defaultaction`, `onceregistry`, `_showwarnmsg` and `WarningMessage`
//! take over, so programs that replace them are obeyed.  Without them a
//! warning is printed as the C module does, with its source line.
//! `warn_compile_time` is how the parser's and compiler's warnings are
//! issued.

use crate::args::Args;
use crate::error::PyResult;
use crate::object::StaticType;
use crate::object::typeobj::MethodDef;
use crate::types::list::PyList;
use crate::types::module::PyModule;
use crate::types::none::none;
use crate::types::str::PyStr;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil;

const PRELUDE: &str = r#"
filters = [('default', None, DeprecationWarning, '__main__', 0),
           ('ignore', None, DeprecationWarning, None, 0),
           ('ignore', None, PendingDeprecationWarning, None, 0),
           ('ignore', None, ImportWarning, None, 0),
           ('ignore', None, ResourceWarning, None, 0)]
_defaultaction = 'default'
_onceregistry = {}
_filters_version = [1]

def _filters_mutated():
    _filters_version[0] += 1

def _warnings_attr(name, default):
    import sys
    w = sys.modules.get('warnings')
    if w is None:
        return default
    return getattr(w, name, default)

def _matches(pattern, text):
    if pattern is None:
        return True
    if type(pattern) is str:
        return pattern == text
    return bool(pattern.match(text))

def _show(message, category, filename, lineno, source, _source_line=_source_line):
    show = _warnings_attr('_showwarnmsg', None)
    wm = _warnings_attr('WarningMessage', None)
    if show is not None and wm is not None:
        if not callable(show):
            raise TypeError('warnings._showwarnmsg() must be set to a callable')
        show(wm(message, category, filename, lineno, None, None, source))
        return
    import sys
    if sys.stderr is None:
        return
    text = '%s:%s: %s: %s\n' % (filename, lineno, category.__name__, message)
    line = _source_line(filename, lineno)
    if line is not None:
        text += '  %s\n' % line
    sys.stderr.write(text)

def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    if registry is not None and not isinstance(registry, dict):
        raise TypeError("'registry' must be a dict or None")
    if module is None:
        module = filename or '<unknown>'
        if module.endswith('.py'):
            module = module[:-3]
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    key = (text, category, lineno)
    if registry is not None:
        if registry.get('version', 0) != _filters_version[0]:
            registry.clear()
            registry['version'] = _filters_version[0]
        if registry.get(key):
            return
    flist = _warnings_attr('filters', filters)
    if not isinstance(flist, list):
        raise ValueError('_warnings.filters must be a list')
    for item in flist:
        if not isinstance(item, tuple) or len(item) != 5:
            raise ValueError('_warnings.filters item %d isn\'t a 5-tuple' % flist.index(item))
        action, msg, cat, mod, ln = item
        if (_matches(msg, text) and issubclass(category, cat) and _matches(mod, module)
                and (ln == 0 or lineno == ln)):
            break
    else:
        action = _warnings_attr('defaultaction', _defaultaction)
        item = None
    if action == 'error':
        raise message
    if action == 'ignore':
        return
    if action == 'once':
        if registry is not None:
            registry[key] = 1
        once = _warnings_attr('onceregistry', _onceregistry)
        oncekey = (text, category)
        if once.get(oncekey):
            return
        once[oncekey] = 1
    elif action == 'always':
        pass
    elif action == 'module':
        if registry is not None:
            registry[key] = 1
            altkey = (text, category, 0)
            if registry.get(altkey):
                return
            registry[altkey] = 1
    elif action == 'default':
        if registry is not None:
            registry[key] = 1
    else:
        raise RuntimeError('Unrecognized action (%r) in warnings.filters:\n %r' % (action, item))
    _show(message, category, filename, lineno, source)

def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, not '%s'" % type(category).__name__)
    import sys
    try:
        frame = sys._getframe(stacklevel)
    except ValueError:
        frame = None
    if frame is None:
        globals = sys.__dict__
        filename = 'sys'
        lineno = 1
    else:
        globals = frame.f_globals
        filename = frame.f_code.co_filename
        lineno = frame.f_lineno
    module = globals.get('__name__', '<string>') if isinstance(globals, dict) else '<string>'
    registry = globals.setdefault('__warningregistry__', {})
    warn_explicit(message, category, filename, lineno, module, registry, None, source)

del _source_line
"#;

/// `_source_line(filename, lineno)`: the line CPython's `show_warning`
/// prints under a warning (`_Py_DisplaySourceLine`): read from the file
/// (or from `sys.path` + the file's last component when the name is not
/// found), decoded by its coding cookie, without its indentation and line
/// end; `None` when there is no such file or line.  Only the prelude sees it.
fn source_line(vm: &Vm, a: Args<'_>) -> PyResult {
    let [filename, lineno] = a.exact::<2>("_source_line")?;
    let (Some(name), Some(lineno)) = (
        filename.downcast::<PyStr>().map(|s| s.to_string_lossy()),
        crate::types::int::to_i64(&lineno),
    ) else {
        return Ok(none());
    };
    if lineno < 1 {
        return Ok(none());
    }
    let data = std::fs::read(&name).ok().or_else(|| {
        // _Py_FindSourceFile: the last path component in each sys.path entry.
        let tail = name.rsplit('/').next().unwrap_or(&name).to_owned();
        let path = vm
            .sys_module()
            .and_then(|m| m.downcast::<PyModule>().and_then(|m| m.get_attr("path")))?;
        let list = path.downcast::<PyList>()?;
        let dirs: Vec<PyRef> = list.to_vec();
        dirs.iter().find_map(|d| {
            let d = d.downcast::<PyStr>()?.to_string_lossy();
            std::fs::read(std::path::Path::new(&d).join(&tail)).ok()
        })
    });
    let Some(data) = data else {
        return Ok(none());
    };
    let lineno = u32::try_from(lineno).unwrap_or(u32::MAX);
    match crate::interp::builtins::line_of_source(&data, &name, lineno) {
        Some(line) => {
            let line = line.strip_suffix('\n').unwrap_or(&line);
            Ok(PyStr::new_ref(line.trim_start_matches([' ', '\t', '\x0c'])))
        }
        None => Ok(none()),
    }
}

static FUNCTIONS: &[MethodDef] = &[MethodDef::method("_source_line", source_line)];

/// Issues a compile-time warning the way CPython's parser and compiler do
/// (`PyErr_WarnExplicitObject(category, msg, filename, lineno, NULL, NULL)`).
/// `Ok(false)` when the warning filters turned it into an exception of
/// `category` (the caller raises its SyntaxError instead), `Ok(true)` when
/// it was shown or ignored.
pub fn warn_compile_time(
    vm: &Vm,
    category: &'static StaticType,
    msg: &str,
    filename: &str,
    lineno: u32,
) -> PyResult<bool> {
    let w = crate::interp::import::import_module(vm, "_warnings")?;
    let f = crate::protocol::object::get_attr_str(vm, &w, "warn_explicit")?;
    let args = [
        PyStr::new_ref(msg),
        category.to_ref(),
        PyStr::new_ref(filename),
        crate::types::int::int_from_i64(lineno as i64),
    ];
    match crate::protocol::call::call_pos(vm, &f, &args) {
        Ok(_) => Ok(true),
        Err(e) if e.matches(category) => Ok(false),
        Err(e) => Err(e),
    }
}

/// `warnings.warn(msg, category, stacklevel)` from Rust code (through
/// `_warnings.warn`, so filters and `-W error` apply).
pub fn warn(vm: &Vm, category: &'static StaticType, msg: &str, stacklevel: i64) -> PyResult<()> {
    let w = crate::interp::import::import_module(vm, "_warnings")?;
    let f = crate::protocol::object::get_attr_str(vm, &w, "warn")?;
    let args = [
        PyStr::new_ref(msg),
        category.to_ref(),
        crate::types::int::int_from_i64(stacklevel),
    ];
    crate::protocol::call::call_pos(vm, &f, &args)?;
    Ok(())
}

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_warnings",
        "_warnings provides basic warning filtering support.\nIt is a helper module to speed up interpreter start-up.",
        FUNCTIONS,
    )?;
    modutil::run_prelude(vm, &m, "<_warnings>", PRELUDE)?;
    Ok(m)
}
