//! Unit tests of the whole front end: trees (compared through `dump`) and
//! SyntaxError messages/locations checked against CPython 3.11.

use super::*;

fn d(src: &str) -> String {
    match parse_str(src, "<test>", Mode::Exec) {
        Ok(m) => taipan_ast::dump::dump(&m, false),
        Err(e) => format!("ERR {e:?}"),
    }
}

#[test]
fn simple_trees() {
    assert_eq!(
        d("x = 1\n"),
        "Module(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))], type_ignores=[])"
    );
}
