//! Unit tests of `_ast`: the node table parses completely, and parser
//! output survives Rust -> Python -> Rust unchanged and validates.

use super::nodes::{K, Q, Ty, specs};
use crate::vm::{Config, Vm};

#[test]
fn table_is_complete() {
    let sp = specs();
    assert_eq!(sp.len(), super::nodes::ALL.len());
    for (i, s) in sp.iter().enumerate() {
        assert_eq!(super::nodes::ALL[i] as usize, i);
        for f in &s.fields {
            // Unknown type names fall back to `Constant`: only `value` fields
            // of Constant and MatchSingleton really are constants.
            if f.ty == Ty::Constant {
                assert_eq!(f.name, "value", "{}", s.name);
            }
        }
    }
    let name = &sp[K::Name as usize];
    assert_eq!(name.doc, "Name(identifier id, expr_context ctx)");
    assert_eq!(name.fields[1].ty, Ty::Node(K::expr_context));
    assert!(sp[K::Load as usize].is_singleton());
    assert!(!sp[K::Name as usize].is_singleton());
    assert_eq!(sp[K::pattern as usize].attrs[2].q, Q::One);
    assert_eq!(sp[K::expr as usize].attrs[2].q, Q::Opt);
    assert_eq!(sp[K::boolop as usize].doc, "boolop = And | Or");
}

#[test]
fn round_trip_and_validate() {
    let vm = Vm::new(Config::default());
    let sources = [
        "x = 1\nfor i in y:\n    del a[i], b.c\nelse:\n    pass\n",
        "def f(a, /, b=1, *c, d, e=2, **g) -> int:\n    return (yield from x)\n",
        "async def h():\n    async with a as b:\n        await c\n    return [i async for i in j if i]\n",
        "class C(B, metaclass=M):\n    x: int = 1\n    @dec\n    def m(self): ...\n",
        "try:\n    pass\nexcept E as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass\n",
        "try:\n    pass\nexcept* E:\n    pass\n",
        "match p:\n    case [1, *r] | {'k': v, **kw}:\n        pass\n    case P(x=0, y=_) if z:\n        pass\n    case None | -1 | 1+2j | a.b as q:\n        pass\n",
        "f'{a!r:>{w}} {b=}' + 'é' + b'\\x00'\nx = {**d, 1: 2}\nlambda *, k=None: k\n",
        "import a.b as c\nfrom ..d import (e as f, g)\nglobal q\nassert x, y\nwith a, b as (c, d): pass\n",
        "x = ...; y = 1.5; z = 2j; w = 123456789012345678901234567890; v = not a < b\n",
    ];
    for src in sources {
        let tree = taipan_parser::parse_str(src, "<t>", taipan_parser::Mode::Exec).unwrap();
        let obj = super::mod_to_py(&vm, &tree).unwrap();
        let back = super::obj_to_mod(&vm, &obj, taipan_compiler::Mode::Exec).unwrap();
        assert_eq!(back, tree, "{src}");
        super::validate_mod(&vm, &back).unwrap();
    }
}
