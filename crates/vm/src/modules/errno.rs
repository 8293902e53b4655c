//! The `errno` module: the symbolic error codes of the platform (from
//! libc, one table) and `errorcode`, the reverse mapping.

use crate::error::PyResult;
use crate::types::dict::PyDict;
use crate::types::int::int_from_i64;
use crate::types::str::PyStr;
use crate::vm::Vm;

use super::modutil;

macro_rules! errnos {
    ($($n:ident),* $(,)?) => { &[$((stringify!($n), libc::$n)),*] };
}

/// Every errno name CPython 3.11 exposes on Linux.
static CODES: &[(&str, i32)] = errnos![
    EPERM,
    ENOENT,
    ESRCH,
    EINTR,
    EIO,
    ENXIO,
    E2BIG,
    ENOEXEC,
    EBADF,
    ECHILD,
    EWOULDBLOCK,
    EAGAIN,
    ENOMEM,
    EACCES,
    EFAULT,
    ENOTBLK,
    EBUSY,
    EEXIST,
    EXDEV,
    ENODEV,
    ENOTDIR,
    EISDIR,
    EINVAL,
    ENFILE,
    EMFILE,
    ENOTTY,
    ETXTBSY,
    EFBIG,
    ENOSPC,
    ESPIPE,
    EROFS,
    EMLINK,
    EPIPE,
    EDOM,
    ERANGE,
    EDEADLK,
    ENAMETOOLONG,
    ENOLCK,
    ENOSYS,
    ENOTEMPTY,
    ELOOP,
    ENOMSG,
    EIDRM,
    ECHRNG,
    EL2NSYNC,
    EL3HLT,
    EL3RST,
    ELNRNG,
    EUNATCH,
    ENOCSI,
    EL2HLT,
    EBADE,
    EBADR,
    EXFULL,
    ENOANO,
    EBADRQC,
    EBADSLT,
    EDEADLOCK,
    EBFONT,
    ENOSTR,
    ENODATA,
    ETIME,
    ENOSR,
    ENONET,
    ENOPKG,
    EREMOTE,
    ENOLINK,
    EADV,
    ESRMNT,
    ECOMM,
    EPROTO,
    EMULTIHOP,
    EDOTDOT,
    EBADMSG,
    EOVERFLOW,
    ENOTUNIQ,
    EBADFD,
    EREMCHG,
    ELIBACC,
    ELIBBAD,
    ELIBSCN,
    ELIBMAX,
    ELIBEXEC,
    EILSEQ,
    ERESTART,
    ESTRPIPE,
    EUSERS,
    ENOTSOCK,
    EDESTADDRREQ,
    EMSGSIZE,
    EPROTOTYPE,
    ENOPROTOOPT,
    EPROTONOSUPPORT,
    ESOCKTNOSUPPORT,
    EOPNOTSUPP,
    ENOTSUP,
    EPFNOSUPPORT,
    EAFNOSUPPORT,
    EADDRINUSE,
    EADDRNOTAVAIL,
    ENETDOWN,
    ENETUNREACH,
    ENETRESET,
    ECONNABORTED,
    ECONNRESET,
    ENOBUFS,
    EISCONN,
    ENOTCONN,
    ESHUTDOWN,
    ETOOMANYREFS,
    ETIMEDOUT,
    ECONNREFUSED,
    EHOSTDOWN,
    EHOSTUNREACH,
    EALREADY,
    EINPROGRESS,
    ESTALE,
    EUCLEAN,
    ENOTNAM,
    ENAVAIL,
    EISNAM,
    EREMOTEIO,
    EDQUOT,
    ENOMEDIUM,
    EMEDIUMTYPE,
    ECANCELED,
    ENOKEY,
    EKEYEXPIRED,
    EKEYREVOKED,
    EKEYREJECTED,
    EOWNERDEAD,
    ENOTRECOVERABLE,
    ERFKILL,
    EHWPOISON,
];

pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "errno",
        "This module makes available standard errno system symbols.",
        &[],
    )?;
    let rev = PyDict::new_ref();
    let rd = rev
        .downcast::<PyDict>()
        .ok_or_else(|| crate::error::type_error("dict"))?;
    // Later names win in `errorcode` (EDEADLOCK, ENOTSUP, and EAGAIN over
    // EWOULDBLOCK, which the table lists first), as in CPython.
    for (n, v) in CODES {
        rd.set_item(vm, int_from_i64(*v as i64), PyStr::new_ref(n))?;
    }
    for (n, v) in CODES {
        modutil::set(&m, n, int_from_i64(*v as i64));
    }
    modutil::set(&m, "errorcode", rev);
    Ok(m)
}
