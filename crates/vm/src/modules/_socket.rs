//! A minimal `_socket` module (what `Lib/socket.py` builds on): the
//! `socket` type for AF_INET/AF_INET6/AF_UNIX stream and datagram
//! sockets, `socketpair`, `getaddrinfo`, `gethostname`, the address
//! helpers (`inet_aton`, `inet_pton`, `htons`, ...) and the constants.
//!
//! System calls and address conversion (Python address tuples <->
//! `sockaddr`) are Rust functions (`_raw_*`); the `socket` class itself,
//! including timeouts (a socket with a timeout is non-blocking underneath
//! and waits with `poll(2)` before each operation, as CPython does), is a
//! Python prelude over them.  Not provided yet: `sendmsg`/`recvmsg`,
//! `if_nameindex`, `gethostbyaddr`, `getnameinfo`.

use std::ffi::{CStr, CString};
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::args::Args;
use crate::error::{PyResult, type_error, value_error};
use crate::object::typeobj::MethodDef;
use crate::types::bytes::PyBytes;
use crate::types::int::{int_from_i64, to_i64};
use crate::types::list::PyList;
use crate::types::none::{is_none, none};
use crate::types::str::PyStr;
use crate::types::tuple::PyTuple;
use crate::value::PyRef;
use crate::vm::Vm;

use super::modutil::{self, last_os_error};

fn int_arg(vm: &Vm, o: &PyRef) -> PyResult<i64> {
    crate::types::int::as_ssize(vm, o)
}

fn i32_arg(vm: &Vm, o: &PyRef) -> PyResult<i32> {
    Ok(int_arg(vm, o)? as i32)
}

/// Retries `f` while it fails with `EINTR`; other failures raise.
fn retry<T: PartialOrd + Default>(mut f: impl FnMut() -> T) -> PyResult<T> {
    loop {
        // The GIL is released around the call (it may block); errno is
        // read before the GIL is taken back.
        let (r, e) = crate::runtime::gil::allow_threads(|| (f(), modutil::errno()));
        if r >= T::default() {
            return Ok(r);
        }
        if e != libc::EINTR {
            return Err(last_os_error(None));
        }
    }
}

fn str_of(o: &PyRef) -> Option<String> {
    o.downcast::<PyStr>().map(|s| s.to_string_lossy())
}

/// A `sockaddr` buffer and its length.
struct SockAddr {
    st: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl SockAddr {
    fn empty() -> SockAddr {
        SockAddr {
            // SAFETY: an all-zero sockaddr_storage is valid.
            st: unsafe { std::mem::zeroed() },
            len: std::mem::size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }
    fn ptr(&self) -> *const libc::sockaddr {
        (&self.st as *const libc::sockaddr_storage).cast()
    }
    fn mut_ptr(&mut self) -> *mut libc::sockaddr {
        (&mut self.st as *mut libc::sockaddr_storage).cast()
    }
}

/// Resolves `host` for `family` with getaddrinfo (numeric or by name).
fn resolve(host: &str, family: i32) -> PyResult<SockAddr> {
    let c = CString::new(host).map_err(|_| value_error("embedded null character"))?;
    // SAFETY: zeroed hints are valid; getaddrinfo fills `res`.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = family;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    // SAFETY: valid C strings and out-pointer.
    let rc = unsafe { libc::getaddrinfo(c.as_ptr(), std::ptr::null(), &hints, &mut res) };
    if rc != 0 || res.is_null() {
        return Err(gai_error(rc));
    }
    let mut sa = SockAddr::empty();
    // SAFETY: `res` is a valid list head; its address fits sockaddr_storage.
    unsafe {
        let ai = &*res;
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        std::ptr::copy_nonoverlapping(ai.ai_addr.cast::<u8>(), sa.mut_ptr().cast::<u8>(), n);
        sa.len = n as libc::socklen_t;
        libc::freeaddrinfo(res);
    }
    Ok(sa)
}

static GAIERROR: crate::runtime::gil::GilCell<std::cell::RefCell<Option<PyRef>>> =
    crate::runtime::gil::GilCell::new(std::cell::RefCell::new(None));

/// `socket.gaierror(code, message)`.
fn gai_error(code: i32) -> crate::error::PyErr {
    // SAFETY: gai_strerror returns a static string.
    let msg = unsafe { CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let cls = GAIERROR.with(|g| g.borrow().clone());
    match (cls, crate::vm::Vm::current()) {
        (Some(cls), Some(vm)) => {
            match crate::protocol::call::call_pos(
                vm,
                &cls,
                &[int_from_i64(code as i64), PyStr::new_ref(&msg)],
            ) {
                Ok(e) => crate::error::PyErr::from_instance(e),
                Err(e) => e,
            }
        }
        _ => crate::error::os_error(msg),
    }
}

fn port_arg(vm: &Vm, o: &PyRef) -> PyResult<u16> {
    let p = crate::types::int::as_ssize(vm, o).map_err(|_| {
        type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            o.class().name()
        ))
    })?;
    u16::try_from(p)
        .map_err(|_| crate::error::overflow_error("getsockaddrarg: port must be 0-65535."))
}

/// Converts a Python address for `family` into a `sockaddr`.
fn to_sockaddr(vm: &Vm, family: i32, addr: &PyRef, what: &str) -> PyResult<SockAddr> {
    let mut sa = SockAddr::empty();
    match family {
        libc::AF_UNIX => {
            let path: Vec<u8> = if let Some(s) = addr.downcast::<PyStr>() {
                modutil::fs_encode(s)
            } else if let Some(b) = crate::types::bytes::bytes_data(addr) {
                b
            } else {
                return Err(type_error(format!(
                    "{what}(): AF_UNIX address must be str or bytes, not {}",
                    addr.class().name()
                )));
            };
            // SAFETY: sockaddr_un fits in sockaddr_storage.
            let un = unsafe { &mut *(sa.mut_ptr() as *mut libc::sockaddr_un) };
            if path.len() >= un.sun_path.len() {
                return Err(crate::error::os_error("AF_UNIX path too long"));
            }
            un.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in un.sun_path.iter_mut().zip(&path) {
                *d = *s as libc::c_char;
            }
            let base = std::mem::size_of::<libc::sa_family_t>();
            sa.len = (base + path.len() + usize::from(path.first() != Some(&0))) as libc::socklen_t;
        }
        libc::AF_INET | libc::AF_INET6 => {
            let t = addr.downcast::<PyTuple>().ok_or_else(|| {
                type_error(format!(
                    "{what}(): AF_INET{} address must be tuple, not {}",
                    if family == libc::AF_INET6 { "6" } else { "" },
                    addr.class().name()
                ))
            })?;
            let items = t.as_slice();
            let (Some(h), Some(p)) = (items.first(), items.get(1)) else {
                return Err(type_error("AF_INET address must be a pair (host, port)"));
            };
            let host = str_of(h).ok_or_else(|| {
                type_error(format!(
                    "str, bytes or bytearray expected, not {}",
                    h.class().name()
                ))
            })?;
            let port = port_arg(vm, p)?;
            if family == libc::AF_INET {
                let ip = match host.as_str() {
                    "" => Ipv4Addr::UNSPECIFIED,
                    "<broadcast>" => Ipv4Addr::BROADCAST,
                    h => match h.parse::<Ipv4Addr>() {
                        Ok(ip) => ip,
                        Err(_) => {
                            let r = resolve(h, libc::AF_INET)?;
                            // SAFETY: resolve() for AF_INET yields a sockaddr_in.
                            let sin = unsafe { &*(r.ptr() as *const libc::sockaddr_in) };
                            Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr))
                        }
                    },
                };
                // SAFETY: sockaddr_in fits in sockaddr_storage.
                let sin = unsafe { &mut *(sa.mut_ptr() as *mut libc::sockaddr_in) };
                sin.sin_family = libc::AF_INET as libc::sa_family_t;
                sin.sin_port = port.to_be();
                sin.sin_addr.s_addr = u32::from(ip).to_be();
                sa.len = std::mem::size_of::<libc::sockaddr_in>() as libc::socklen_t;
            } else {
                let ip = match host.as_str() {
                    "" => Ipv6Addr::UNSPECIFIED,
                    h => match h.parse::<Ipv6Addr>() {
                        Ok(ip) => ip,
                        Err(_) => {
                            let r = resolve(h, libc::AF_INET6)?;
                            // SAFETY: resolve() for AF_INET6 yields a sockaddr_in6.
                            let sin6 = unsafe { &*(r.ptr() as *const libc::sockaddr_in6) };
                            Ipv6Addr::from(sin6.sin6_addr.s6_addr)
                        }
                    },
                };
                let flow = match items.get(2) {
                    Some(f) => int_arg(vm, f)? as u32,
                    None => 0,
                };
                let scope = match items.get(3) {
                    Some(s) => int_arg(vm, s)? as u32,
                    None => 0,
                };
                // SAFETY: sockaddr_in6 fits in sockaddr_storage.
                let sin6 = unsafe { &mut *(sa.mut_ptr() as *mut libc::sockaddr_in6) };
                sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
                sin6.sin6_port = port.to_be();
                sin6.sin6_addr.s6_addr = ip.octets();
                sin6.sin6_flowinfo = flow.to_be();
                sin6.sin6_scope_id = scope;
                sa.len = std::mem::size_of::<libc::sockaddr_in6>() as libc::socklen_t;
            }
        }
        _ => {
            return Err(crate::error::os_error(format!("{what}(): bad family")));
        }
    }
    Ok(sa)
}

/// Converts a `sockaddr` back to the Python form.
fn from_sockaddr(sa: &SockAddr) -> PyRef {
    let family = sa.st.ss_family as i32;
    match family {
        libc::AF_INET => {
            // SAFETY: the family says this is a sockaddr_in.
            let sin = unsafe { &*(sa.ptr() as *const libc::sockaddr_in) };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            PyTuple::new_ref(vec![
                PyStr::new_ref(&ip.to_string()),
                int_from_i64(u16::from_be(sin.sin_port) as i64),
            ])
        }
        libc::AF_INET6 => {
            // SAFETY: the family says this is a sockaddr_in6.
            let sin6 = unsafe { &*(sa.ptr() as *const libc::sockaddr_in6) };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            PyTuple::new_ref(vec![
                PyStr::new_ref(&ip.to_string()),
                int_from_i64(u16::from_be(sin6.sin6_port) as i64),
                int_from_i64(u32::from_be(sin6.sin6_flowinfo) as i64),
                int_from_i64(sin6.sin6_scope_id as i64),
            ])
        }
        libc::AF_UNIX => {
            // SAFETY: the family says this is a sockaddr_un.
            let un = unsafe { &*(sa.ptr() as *const libc::sockaddr_un) };
            let base = std::mem::size_of::<libc::sa_family_t>();
            let n = (sa.len as usize)
                .saturating_sub(base)
                .min(un.sun_path.len());
            let raw: Vec<u8> = un.sun_path[..n].iter().map(|&c| c as u8).collect();
            if raw.first() == Some(&0) {
                return PyBytes::new_ref(raw);
            }
            let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
            modutil::fs_decode(&raw[..end])
        }
        _ => none(),
    }
}

fn raw_socket(vm: &Vm, a: Args<'_>) -> PyResult {
    let [f, t, p] = a.exact::<3>("_raw_socket")?;
    let (f, t, p) = (i32_arg(vm, f)?, i32_arg(vm, t)?, i32_arg(vm, p)?);
    // SAFETY: no memory effects.
    let fd = retry(|| unsafe { libc::socket(f, t | libc::SOCK_CLOEXEC, p) })?;
    Ok(int_from_i64(fd as i64))
}

fn raw_socketpair(vm: &Vm, a: Args<'_>) -> PyResult {
    let [f, t, p] = a.exact::<3>("_raw_socketpair")?;
    let (f, t, p) = (i32_arg(vm, f)?, i32_arg(vm, t)?, i32_arg(vm, p)?);
    let mut fds = [0i32; 2];
    // SAFETY: room for two descriptors.
    retry(|| unsafe { libc::socketpair(f, t | libc::SOCK_CLOEXEC, p, fds.as_mut_ptr()) })?;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(fds[0] as i64),
        int_from_i64(fds[1] as i64),
    ]))
}

fn raw_bind(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, f, addr] = a.exact::<3>("_raw_bind")?;
    let sa = to_sockaddr(vm, i32_arg(vm, f)?, addr, "bind")?;
    let fd = i32_arg(vm, fd)?;
    // SAFETY: `sa` holds a valid address of `sa.len` bytes.
    retry(|| unsafe { libc::bind(fd, sa.ptr(), sa.len) })?;
    Ok(none())
}

/// `_raw_connect(fd, family, addr)`: 0 or the errno (the caller handles
/// `EINPROGRESS` for timeouts and `connect_ex`).
fn raw_connect(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, f, addr] = a.exact::<3>("_raw_connect")?;
    let sa = to_sockaddr(vm, i32_arg(vm, f)?, addr, "connect")?;
    let fd = i32_arg(vm, fd)?;
    loop {
        // SAFETY: `sa` holds a valid address of `sa.len` bytes.
        let (r, e) = crate::runtime::gil::allow_threads(|| {
            (
                unsafe { libc::connect(fd, sa.ptr(), sa.len) },
                modutil::errno(),
            )
        });
        if r == 0 {
            return Ok(int_from_i64(0));
        }
        if e != libc::EINTR {
            return Ok(int_from_i64(e as i64));
        }
    }
}

fn raw_listen(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, b] = a.exact::<2>("_raw_listen")?;
    let (fd, b) = (i32_arg(vm, fd)?, i32_arg(vm, b)?);
    // SAFETY: no memory effects.
    retry(|| unsafe { libc::listen(fd, b.max(0)) })?;
    Ok(none())
}

fn raw_accept(vm: &Vm, a: Args<'_>) -> PyResult {
    let fd = i32_arg(vm, a.one_arg("_raw_accept")?)?;
    let mut sa = SockAddr::empty();
    let p = sa.mut_ptr();
    let mut len = sa.len;
    // SAFETY: `sa` is a writable sockaddr_storage of `len` bytes.
    let nfd = retry(|| unsafe { libc::accept4(fd, p, &mut len, libc::SOCK_CLOEXEC) })?;
    sa.len = len;
    Ok(PyTuple::new_ref(vec![
        int_from_i64(nfd as i64),
        from_sockaddr(&sa),
    ]))
}

fn raw_recv(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, n, flags] = a.exact::<3>("_raw_recv")?;
    let (fd, flags) = (i32_arg(vm, fd)?, i32_arg(vm, flags)?);
    let n = int_arg(vm, n)?;
    if n < 0 {
        return Err(value_error("negative buffersize in recv"));
    }
    let mut buf = vec![0u8; n as usize];
    // SAFETY: `buf` is writable for `n` bytes.
    let r = retry(|| unsafe { libc::recv(fd, buf.as_mut_ptr().cast(), buf.len(), flags) })?;
    buf.truncate(r as usize);
    Ok(PyBytes::new_ref(buf))
}

fn raw_recvfrom(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, n, flags] = a.exact::<3>("_raw_recvfrom")?;
    let (fd, flags) = (i32_arg(vm, fd)?, i32_arg(vm, flags)?);
    let n = int_arg(vm, n)?;
    if n < 0 {
        return Err(value_error("negative buffersize in recvfrom"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut sa = SockAddr::empty();
    let p = sa.mut_ptr();
    let mut len = sa.len;
    // SAFETY: writable buffer and address storage.
    let r = retry(|| unsafe {
        libc::recvfrom(fd, buf.as_mut_ptr().cast(), buf.len(), flags, p, &mut len)
    })?;
    sa.len = len;
    buf.truncate(r as usize);
    let addr = if len == 0 { none() } else { from_sockaddr(&sa) };
    Ok(PyTuple::new_ref(vec![PyBytes::new_ref(buf), addr]))
}

fn raw_send(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, data, flags] = a.exact::<3>("_raw_send")?;
    let (fd, flags) = (i32_arg(vm, fd)?, i32_arg(vm, flags)?);
    let data = super::posix::bytes_like(data, "send")?;
    // SAFETY: `data` is readable for its length.
    let r = retry(|| unsafe {
        libc::send(
            fd,
            data.as_ptr().cast(),
            data.len(),
            flags | libc::MSG_NOSIGNAL,
        )
    })?;
    Ok(int_from_i64(r as i64))
}

fn raw_sendto(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, data, flags, family, addr] = a.exact::<5>("_raw_sendto")?;
    let (fd, flags) = (i32_arg(vm, fd)?, i32_arg(vm, flags)?);
    let data = super::posix::bytes_like(data, "sendto")?;
    let sa = to_sockaddr(vm, i32_arg(vm, family)?, addr, "sendto")?;
    // SAFETY: readable data, valid address.
    let r = retry(|| unsafe {
        libc::sendto(
            fd,
            data.as_ptr().cast(),
            data.len(),
            flags,
            sa.ptr(),
            sa.len,
        )
    })?;
    Ok(int_from_i64(r as i64))
}

fn raw_shutdown(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, how] = a.exact::<2>("_raw_shutdown")?;
    let (fd, how) = (i32_arg(vm, fd)?, i32_arg(vm, how)?);
    // SAFETY: no memory effects.
    retry(|| unsafe { libc::shutdown(fd, how) })?;
    Ok(none())
}

fn name_of(vm: &Vm, a: Args<'_>, peer: bool) -> PyResult {
    let fd = i32_arg(vm, a.one_arg("_raw_getsockname")?)?;
    let mut sa = SockAddr::empty();
    let p = sa.mut_ptr();
    let mut len = sa.len;
    // SAFETY: writable address storage.
    retry(|| unsafe {
        if peer {
            libc::getpeername(fd, p, &mut len)
        } else {
            libc::getsockname(fd, p, &mut len)
        }
    })?;
    sa.len = len;
    Ok(from_sockaddr(&sa))
}

fn raw_getsockname(vm: &Vm, a: Args<'_>) -> PyResult {
    name_of(vm, a, false)
}
fn raw_getpeername(vm: &Vm, a: Args<'_>) -> PyResult {
    name_of(vm, a, true)
}

fn raw_setsockopt(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, level, opt, value] = a.exact::<4>("_raw_setsockopt")?;
    let (fd, level, opt) = (i32_arg(vm, fd)?, i32_arg(vm, level)?, i32_arg(vm, opt)?);
    let buf: Vec<u8> = match to_i64(value) {
        Some(v) => (v as i32).to_ne_bytes().to_vec(),
        None => super::posix::bytes_like(value, "setsockopt")?,
    };
    // SAFETY: `buf` is readable for its length.
    retry(|| unsafe {
        libc::setsockopt(
            fd,
            level,
            opt,
            buf.as_ptr().cast(),
            buf.len() as libc::socklen_t,
        )
    })?;
    Ok(none())
}

fn raw_getsockopt(vm: &Vm, a: Args<'_>) -> PyResult {
    let [fd, level, opt, buflen] = a.exact::<4>("_raw_getsockopt")?;
    let (fd, level, opt) = (i32_arg(vm, fd)?, i32_arg(vm, level)?, i32_arg(vm, opt)?);
    if is_none(buflen) {
        let mut v: i32 = 0;
        let mut len = 4 as libc::socklen_t;
        // SAFETY: `v` is a writable int.
        retry(|| unsafe {
            libc::getsockopt(fd, level, opt, (&mut v as *mut i32).cast(), &mut len)
        })?;
        return Ok(int_from_i64(v as i64));
    }
    let n = int_arg(vm, buflen)?;
    if !(0..=1024).contains(&n) {
        return Err(crate::error::os_error("getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut len = n as libc::socklen_t;
    // SAFETY: `buf` is writable for `len` bytes.
    retry(|| unsafe { libc::getsockopt(fd, level, opt, buf.as_mut_ptr().cast(), &mut len) })?;
    buf.truncate(len as usize);
    Ok(PyBytes::new_ref(buf))
}

fn gethostname(_: &Vm, a: Args<'_>) -> PyResult {
    a.no_args("gethostname")?;
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: `buf` is writable for its length.
    retry(|| unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len()) })?;
    // SAFETY: NUL-terminated on success (buffer zeroed beforehand).
    let b = unsafe { CStr::from_ptr(buf.as_ptr()) }.to_bytes().to_vec();
    Ok(modutil::fs_decode(&b))
}

/// `getaddrinfo(host, port, family=0, type=0, proto=0, flags=0)`.
fn getaddrinfo(vm: &Vm, a: Args<'_>) -> PyResult {
    let [host, port, family, ty, proto, flags] = a.bind(
        "getaddrinfo",
        ["host", "port", "family", "type", "proto", "flags"],
        0,
        2,
    )?;
    let opt_int = |o: &Option<PyRef>| -> PyResult<i32> {
        match o {
            Some(o) => i32_arg(vm, o),
            None => Ok(0),
        }
    };
    let host_c = match &host {
        Some(h) if !is_none(h) => {
            let s = if let Some(s) = str_of(h) {
                s
            } else if let Some(b) = crate::types::bytes::bytes_data(h) {
                String::from_utf8_lossy(&b).into_owned()
            } else {
                return Err(type_error(
                    "getaddrinfo() argument 1 must be string or None",
                ));
            };
            Some(CString::new(s).map_err(|_| value_error("embedded null character"))?)
        }
        _ => None,
    };
    let port_c = match &port {
        Some(p) if !is_none(p) => {
            let s = if let Some(v) = to_i64(p) {
                v.to_string()
            } else if let Some(s) = str_of(p) {
                s
            } else if let Some(b) = crate::types::bytes::bytes_data(p) {
                String::from_utf8_lossy(&b).into_owned()
            } else {
                return Err(crate::error::os_error("Int or String expected"));
            };
            Some(CString::new(s).map_err(|_| value_error("embedded null character"))?)
        }
        _ => None,
    };
    // SAFETY: zeroed hints are valid.
    let mut hints: libc::addrinfo = unsafe { std::mem::zeroed() };
    hints.ai_family = opt_int(&family)?;
    hints.ai_socktype = opt_int(&ty)?;
    hints.ai_protocol = opt_int(&proto)?;
    hints.ai_flags = opt_int(&flags)?;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let ptr = |c: &Option<CString>| c.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: valid C strings (or NULL) and out-pointer.
    let rc = unsafe { libc::getaddrinfo(ptr(&host_c), ptr(&port_c), &hints, &mut res) };
    if rc != 0 {
        return Err(gai_error(rc));
    }
    let mut out = Vec::new();
    let mut cur = res;
    while !cur.is_null() {
        // SAFETY: `cur` walks the list getaddrinfo returned.
        let ai = unsafe { &*cur };
        let mut sa = SockAddr::empty();
        let n = (ai.ai_addrlen as usize).min(std::mem::size_of::<libc::sockaddr_storage>());
        // SAFETY: copying `n` bytes of a valid address into the storage.
        unsafe {
            std::ptr::copy_nonoverlapping(ai.ai_addr.cast::<u8>(), sa.mut_ptr().cast::<u8>(), n)
        };
        sa.len = n as libc::socklen_t;
        let canon = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: NUL-terminated canonical name.
            unsafe { CStr::from_ptr(ai.ai_canonname) }
                .to_string_lossy()
                .into_owned()
        };
        out.push(PyTuple::new_ref(vec![
            int_from_i64(ai.ai_family as i64),
            int_from_i64(ai.ai_socktype as i64),
            int_from_i64(ai.ai_protocol as i64),
            PyStr::new_ref(&canon),
            from_sockaddr(&sa),
        ]));
        cur = ai.ai_next;
    }
    if !res.is_null() {
        // SAFETY: the list head returned by getaddrinfo.
        unsafe { libc::freeaddrinfo(res) };
    }
    Ok(PyList::new_ref(out))
}

fn inet_aton(_: &Vm, a: Args<'_>) -> PyResult {
    let s = a.one_arg("inet_aton")?;
    let s = str_of(s).ok_or_else(|| type_error("inet_aton() argument 1 must be str"))?;
    parse_inet_aton(&s)
        .map(|v| PyBytes::new_ref(v.to_be_bytes().to_vec()))
        .ok_or_else(|| crate::error::os_error("illegal IP address string passed to inet_aton"))
}

/// The classic BSD `inet_aton` forms: `a`, `a.b`, `a.b.c`, `a.b.c.d`, each
/// part decimal, octal (leading 0) or hex (0x); the last part fills the
/// remaining bytes.
fn parse_inet_aton(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.is_empty() || parts.len() > 4 {
        return None;
    }
    let mut nums = Vec::with_capacity(4);
    for p in &parts {
        let (digits, radix) = if let Some(h) = p.strip_prefix("0x").or_else(|| p.strip_prefix("0X"))
        {
            (h, 16)
        } else if p.len() > 1 && p.starts_with('0') {
            (&p[1..], 8)
        } else {
            (*p, 10)
        };
        if digits.is_empty() && radix != 16 {
            return None;
        }
        nums.push(if digits.is_empty() {
            0
        } else {
            u32::from_str_radix(digits, radix).ok()?
        });
    }
    let (last, head) = nums.split_last()?;
    if head.iter().any(|&n| n > 255) {
        return None;
    }
    let shift = 8 * (4 - nums.len() as u32 + 1);
    if shift < 32 && *last >> shift != 0 && nums.len() > 1 {
        return None;
    }
    let mut v = 0u32;
    for (i, &n) in head.iter().enumerate() {
        v |= n << (24 - 8 * i as u32);
    }
    Some(v | last)
}

fn inet_ntoa(_: &Vm, a: Args<'_>) -> PyResult {
    let b = super::posix::bytes_like(a.one_arg("inet_ntoa")?, "inet_ntoa")?;
    let arr: [u8; 4] = b
        .as_slice()
        .try_into()
        .map_err(|_| crate::error::os_error("packed IP wrong length for inet_ntoa"))?;
    Ok(PyStr::new_ref(&Ipv4Addr::from(arr).to_string()))
}

fn inet_pton(vm: &Vm, a: Args<'_>) -> PyResult {
    let [f, s] = a.exact::<2>("inet_pton")?;
    let f = i32_arg(vm, f)?;
    let s = str_of(s).ok_or_else(|| type_error("inet_pton() argument 2 must be str"))?;
    let bad = || crate::error::os_error("illegal IP address string passed to inet_pton");
    match f {
        libc::AF_INET => Ok(PyBytes::new_ref(
            s.parse::<Ipv4Addr>().map_err(|_| bad())?.octets().to_vec(),
        )),
        libc::AF_INET6 => Ok(PyBytes::new_ref(
            s.parse::<Ipv6Addr>().map_err(|_| bad())?.octets().to_vec(),
        )),
        _ => Err(modutil::os_error(libc::EAFNOSUPPORT, None)),
    }
}

fn inet_ntop(vm: &Vm, a: Args<'_>) -> PyResult {
    let [f, b] = a.exact::<2>("inet_ntop")?;
    let f = i32_arg(vm, f)?;
    let b = super::posix::bytes_like(b, "inet_ntop")?;
    match f {
        libc::AF_INET => {
            let arr: [u8; 4] = b
                .as_slice()
                .try_into()
                .map_err(|_| value_error("invalid length of packed IP address string"))?;
            Ok(PyStr::new_ref(&Ipv4Addr::from(arr).to_string()))
        }
        libc::AF_INET6 => {
            let arr: [u8; 16] = b
                .as_slice()
                .try_into()
                .map_err(|_| value_error("invalid length of packed IP address string"))?;
            Ok(PyStr::new_ref(&Ipv6Addr::from(arr).to_string()))
        }
        _ => Err(value_error("unknown address family")),
    }
}

fn swap16(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let v = int_arg(vm, a.one_arg(name)?)?;
    if v < 0 {
        return Err(crate::error::overflow_error(format!(
            "{name}: can't convert negative Python int to C 16-bit unsigned integer"
        )));
    }
    let v = u16::try_from(v).map_err(|_| {
        crate::error::overflow_error(format!(
            "{name}: Python int too large to convert to C 16-bit unsigned integer"
        ))
    })?;
    Ok(int_from_i64(v.swap_bytes() as i64))
}

fn swap32(vm: &Vm, a: Args<'_>, name: &str) -> PyResult {
    let v = int_arg(vm, a.one_arg(name)?)?;
    if v < 0 {
        return Err(crate::error::overflow_error(
            "can't convert negative value to unsigned int",
        ));
    }
    let v =
        u32::try_from(v).map_err(|_| crate::error::overflow_error("int larger than 32 bits"))?;
    Ok(int_from_i64(v.swap_bytes() as i64))
}

fn htons(vm: &Vm, a: Args<'_>) -> PyResult {
    swap16(vm, a, "htons")
}
fn ntohs(vm: &Vm, a: Args<'_>) -> PyResult {
    swap16(vm, a, "ntohs")
}
fn htonl(vm: &Vm, a: Args<'_>) -> PyResult {
    swap32(vm, a, "htonl")
}
fn ntohl(vm: &Vm, a: Args<'_>) -> PyResult {
    swap32(vm, a, "ntohl")
}

static FUNCTIONS: &[MethodDef] = &[
    MethodDef::method("_raw_socket", raw_socket),
    MethodDef::method("_raw_socketpair", raw_socketpair),
    MethodDef::method("_raw_bind", raw_bind),
    MethodDef::method("_raw_connect", raw_connect),
    MethodDef::method("_raw_listen", raw_listen),
    MethodDef::method("_raw_accept", raw_accept),
    MethodDef::method("_raw_recv", raw_recv),
    MethodDef::method("_raw_recvfrom", raw_recvfrom),
    MethodDef::method("_raw_send", raw_send),
    MethodDef::method("_raw_sendto", raw_sendto),
    MethodDef::method("_raw_shutdown", raw_shutdown),
    MethodDef::method("_raw_getsockname", raw_getsockname),
    MethodDef::method("_raw_getpeername", raw_getpeername),
    MethodDef::method("_raw_setsockopt", raw_setsockopt),
    MethodDef::method("_raw_getsockopt", raw_getsockopt),
    MethodDef::method("gethostname", gethostname),
    MethodDef::method("getaddrinfo", getaddrinfo),
    MethodDef::method("inet_aton", inet_aton),
    MethodDef::method("inet_ntoa", inet_ntoa),
    MethodDef::method("inet_pton", inet_pton),
    MethodDef::method("inet_ntop", inet_ntop),
    MethodDef::method("htons", htons),
    MethodDef::method("ntohs", ntohs),
    MethodDef::method("htonl", htonl),
    MethodDef::method("ntohl", ntohl),
];

/// Integer constants, defined once.
static CONSTANTS: &[(&str, i64)] = &[
    ("AF_UNSPEC", libc::AF_UNSPEC as i64),
    ("AF_UNIX", libc::AF_UNIX as i64),
    ("AF_INET", libc::AF_INET as i64),
    ("AF_INET6", libc::AF_INET6 as i64),
    ("SOCK_STREAM", libc::SOCK_STREAM as i64),
    ("SOCK_DGRAM", libc::SOCK_DGRAM as i64),
    ("SOCK_RAW", libc::SOCK_RAW as i64),
    ("SOCK_SEQPACKET", libc::SOCK_SEQPACKET as i64),
    ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK as i64),
    ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC as i64),
    ("SOL_SOCKET", libc::SOL_SOCKET as i64),
    ("SOL_TCP", libc::SOL_TCP as i64),
    ("SOL_UDP", libc::SOL_UDP as i64),
    ("SOL_IP", libc::SOL_IP as i64),
    ("SO_REUSEADDR", libc::SO_REUSEADDR as i64),
    ("SO_REUSEPORT", libc::SO_REUSEPORT as i64),
    ("SO_KEEPALIVE", libc::SO_KEEPALIVE as i64),
    ("SO_BROADCAST", libc::SO_BROADCAST as i64),
    ("SO_LINGER", libc::SO_LINGER as i64),
    ("SO_RCVBUF", libc::SO_RCVBUF as i64),
    ("SO_SNDBUF", libc::SO_SNDBUF as i64),
    ("SO_ERROR", libc::SO_ERROR as i64),
    ("SO_TYPE", libc::SO_TYPE as i64),
    ("SO_DOMAIN", libc::SO_DOMAIN as i64),
    ("SO_PROTOCOL", libc::SO_PROTOCOL as i64),
    ("SO_ACCEPTCONN", libc::SO_ACCEPTCONN as i64),
    ("SO_RCVTIMEO", libc::SO_RCVTIMEO as i64),
    ("SO_SNDTIMEO", libc::SO_SNDTIMEO as i64),
    ("SO_PASSCRED", libc::SO_PASSCRED as i64),
    ("SO_PEERCRED", libc::SO_PEERCRED as i64),
    ("SOMAXCONN", 4096),
    ("IPPROTO_IP", libc::IPPROTO_IP as i64),
    ("IPPROTO_TCP", libc::IPPROTO_TCP as i64),
    ("IPPROTO_UDP", libc::IPPROTO_UDP as i64),
    ("IPPROTO_IPV6", libc::IPPROTO_IPV6 as i64),
    ("IPPROTO_ICMP", libc::IPPROTO_ICMP as i64),
    ("IPPROTO_RAW", libc::IPPROTO_RAW as i64),
    ("IPV6_V6ONLY", libc::IPV6_V6ONLY as i64),
    ("IP_TOS", libc::IP_TOS as i64),
    ("IP_TTL", libc::IP_TTL as i64),
    ("TCP_NODELAY", libc::TCP_NODELAY as i64),
    ("TCP_KEEPIDLE", libc::TCP_KEEPIDLE as i64),
    ("TCP_KEEPINTVL", libc::TCP_KEEPINTVL as i64),
    ("TCP_KEEPCNT", libc::TCP_KEEPCNT as i64),
    ("MSG_OOB", libc::MSG_OOB as i64),
    ("MSG_PEEK", libc::MSG_PEEK as i64),
    ("MSG_DONTWAIT", libc::MSG_DONTWAIT as i64),
    ("MSG_WAITALL", libc::MSG_WAITALL as i64),
    ("MSG_NOSIGNAL", libc::MSG_NOSIGNAL as i64),
    ("MSG_TRUNC", libc::MSG_TRUNC as i64),
    ("MSG_DONTROUTE", libc::MSG_DONTROUTE as i64),
    ("MSG_EOR", libc::MSG_EOR as i64),
    ("SHUT_RD", libc::SHUT_RD as i64),
    ("SHUT_WR", libc::SHUT_WR as i64),
    ("SHUT_RDWR", libc::SHUT_RDWR as i64),
    ("AI_PASSIVE", libc::AI_PASSIVE as i64),
    ("AI_CANONNAME", libc::AI_CANONNAME as i64),
    ("AI_NUMERICHOST", libc::AI_NUMERICHOST as i64),
    ("AI_NUMERICSERV", libc::AI_NUMERICSERV as i64),
    ("AI_V4MAPPED", libc::AI_V4MAPPED as i64),
    ("AI_ALL", libc::AI_ALL as i64),
    ("AI_ADDRCONFIG", libc::AI_ADDRCONFIG as i64),
    ("NI_NUMERICHOST", libc::NI_NUMERICHOST as i64),
    ("NI_NUMERICSERV", libc::NI_NUMERICSERV as i64),
    ("NI_NAMEREQD", libc::NI_NAMEREQD as i64),
    ("NI_DGRAM", libc::NI_DGRAM as i64),
    ("NI_NOFQDN", libc::NI_NOFQDN as i64),
    ("NI_MAXHOST", 1025),
    ("NI_MAXSERV", 32),
    ("EAI_NONAME", libc::EAI_NONAME as i64),
    ("EAI_AGAIN", libc::EAI_AGAIN as i64),
    ("EAI_FAIL", libc::EAI_FAIL as i64),
    ("EAI_FAMILY", libc::EAI_FAMILY as i64),
    ("EAI_SERVICE", libc::EAI_SERVICE as i64),
    ("INADDR_ANY", 0),
    ("INADDR_BROADCAST", 0xffff_ffff),
    ("INADDR_LOOPBACK", 0x7f00_0001),
    ("INADDR_NONE", 0xffff_ffff),
];

/// The Python half: the `socket` class and the module-level helpers.
const PRELUDE: &str = r#"
import posix as _posix
from select import _raw_poll, POLLIN as _POLLIN, POLLOUT as _POLLOUT

has_ipv6 = True
error = OSError
timeout = TimeoutError

class herror(OSError):
    __module__ = 'socket'

class gaierror(OSError):
    __module__ = 'socket'

_default_timeout = None

def getdefaulttimeout():
    return _default_timeout

def _check_timeout(value):
    if value is None:
        return None
    if not isinstance(value, (int, float)):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(value).__name__)
    value = float(value)
    if value != value:
        raise ValueError('Invalid value NaN (not a number)')
    if value < 0:
        raise ValueError('Timeout value out of range')
    return value

def setdefaulttimeout(timeout, /):
    global _default_timeout
    _default_timeout = _check_timeout(timeout)

class socket:
    "socket(family=AF_INET, type=SOCK_STREAM, proto=0) -> socket object"
    __module__ = '_socket'
    # As the C type: no weak references (socket.socket adds __weakref__).
    __slots__ = ('__dict__',)

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            if family == -1:
                family = AF_INET
            if type == -1:
                type = SOCK_STREAM
            if proto == -1:
                proto = 0
            fd = _raw_socket(family, type, proto)
        else:
            if isinstance(fileno, float):
                raise TypeError("'float' object cannot be interpreted as an integer")
            fd = int(fileno)
            if fd < 0:
                raise ValueError('negative file descriptor')
            if family == -1:
                family = _raw_getsockopt(fd, SOL_SOCKET, SO_DOMAIN, None)
            if type == -1:
                type = _raw_getsockopt(fd, SOL_SOCKET, SO_TYPE, None)
            if proto == -1:
                proto = _raw_getsockopt(fd, SOL_SOCKET, SO_PROTOCOL, None)
        self._fd = fd
        self._family = int(family)
        self._type = int(type) & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
        self._proto = int(proto)
        self._timeout = None
        if int(type) & SOCK_NONBLOCK:
            self._timeout = 0.0
        elif _default_timeout is not None:
            self.settimeout(_default_timeout)

    family = property(lambda self: self._family, doc='the socket family')
    type = property(lambda self: self._type, doc='the socket type')
    proto = property(lambda self: self._proto, doc='the socket protocol')
    timeout = property(lambda self: self._timeout, doc='the socket timeout')

    def __repr__(self):
        return '<socket object, fd=%d, family=%d, type=%d, proto=%d>' % (self._fd, self._family, self._type, self._proto)

    def __del__(self):
        if getattr(self, '_fd', -1) >= 0:
            try:
                _posix.close(self._fd)
            except OSError:
                pass
            self._fd = -1

    def fileno(self):
        return self._fd

    def detach(self):
        fd, self._fd = self._fd, -1
        return fd

    def close(self):
        fd, self._fd = self._fd, -1
        if fd >= 0:
            try:
                _posix.close(fd)
            except OSError as e:
                if e.errno != 104:
                    raise

    def _checked(self):
        if self._fd < 0:
            raise OSError(9, 'Bad file descriptor')
        return self._fd

    def gettimeout(self):
        return self._timeout

    def settimeout(self, value, /):
        self._timeout = _check_timeout(value)
        if self._fd >= 0:
            _posix.set_blocking(self._fd, self._timeout is None)

    def setblocking(self, flag, /):
        self.settimeout(None if flag else 0.0)

    def getblocking(self):
        return self._timeout != 0.0

    def _wait(self, writing):
        # Waits until ready when a positive timeout is set.
        t = self._timeout
        if t:
            ms = int(t * 1000 + 0.999)
            if not _raw_poll([(self._fd, _POLLOUT if writing else _POLLIN)], ms):
                raise TimeoutError('timed out')

    def _io(self, writing, op, *args):
        fd = self._checked()
        while True:
            self._wait(writing)
            try:
                return op(fd, *args)
            except BlockingIOError:
                if not self._timeout:
                    raise

    def bind(self, address, /):
        _raw_bind(self._checked(), self._family, address)

    def listen(self, backlog=128, /):
        _raw_listen(self._checked(), min(backlog, SOMAXCONN))

    def _accept(self):
        return tuple(self._io(False, _raw_accept))

    def connect_ex(self, address, /):
        fd = self._checked()
        err = _raw_connect(fd, self._family, address)
        if err == 115 and self._timeout:
            ms = int(self._timeout * 1000 + 0.999)
            if not _raw_poll([(fd, _POLLOUT)], ms):
                return 11
            err = _raw_getsockopt(fd, SOL_SOCKET, SO_ERROR, None)
        return err

    def connect(self, address, /):
        err = self.connect_ex(address)
        if err == 11 and self._timeout:
            raise TimeoutError('timed out')
        if err:
            raise OSError(err, _posix.strerror(err))

    def recv(self, bufsize, flags=0, /):
        return self._io(False, _raw_recv, bufsize, flags)

    def recvfrom(self, bufsize, flags=0, /):
        return tuple(self._io(False, _raw_recvfrom, bufsize, flags))

    def recv_into(self, buffer, nbytes=0, flags=0):
        n = nbytes or len(buffer)
        data = self.recv(n, flags)
        buffer[:len(data)] = data
        return len(data)

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        n = nbytes or len(buffer)
        data, addr = self.recvfrom(n, flags)
        buffer[:len(data)] = data
        return len(data), addr

    def send(self, data, flags=0, /):
        return self._io(True, _raw_send, data, flags)

    def sendall(self, data, flags=0, /):
        data = memoryview(data).cast('B') if not isinstance(data, (bytes, bytearray)) else data
        total = 0
        while total < len(data):
            total += self.send(data[total:], flags)

    def sendto(self, data, flags_or_address, address=None, /):
        if address is None:
            flags, address = 0, flags_or_address
        else:
            flags = flags_or_address
        fd = self._checked()
        self._wait(True)
        return _raw_sendto(fd, data, flags, self._family, address)

    def shutdown(self, how, /):
        _raw_shutdown(self._checked(), how)

    def getsockname(self):
        return _raw_getsockname(self._checked())

    def getpeername(self):
        return _raw_getpeername(self._checked())

    def setsockopt(self, level, optname, value, optlen=None, /):
        if value is None:
            value = b'\0' * optlen
        _raw_setsockopt(self._checked(), level, optname, value)

    def getsockopt(self, level, optname, buflen=None, /):
        return _raw_getsockopt(self._checked(), level, optname, buflen)

SocketType = socket

def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    a, b = _raw_socketpair(family, type, proto)
    return socket(family, type, proto, a), socket(family, type, proto, b)

def dup(fd, /):
    return _posix.dup(fd)

def close(fd, /):
    _posix.close(fd)

def gethostbyname(hostname, /):
    for family, _, _, _, addr in getaddrinfo(hostname, None, AF_INET):
        return addr[0]
    raise gaierror(-2, 'Name or service not known')

def getservbyname(name, proto=None, /):
    for _, _, _, _, addr in getaddrinfo(None, name, AF_INET, SOCK_STREAM if proto in (None, 'tcp') else SOCK_DGRAM):
        return addr[1]
    raise OSError('service/proto not found')
"#;

/// Creates the `_socket` module.
pub fn make_module(vm: &Vm) -> PyResult {
    let m = modutil::new_module(
        "_socket",
        "Implementation module for socket operations.\n\nSee the socket module for documentation.",
        FUNCTIONS,
    )?;
    for (n, v) in CONSTANTS {
        modutil::set(&m, n, int_from_i64(*v));
    }
    modutil::run_prelude(vm, &m, "<_socket>", PRELUDE)?;
    if let Some(g) = m
        .downcast::<crate::types::module::PyModule>()
        .and_then(|md| md.get_attr("gaierror"))
    {
        GAIERROR.with(|c| *c.borrow_mut() = Some(g));
    }
    Ok(m)
}
