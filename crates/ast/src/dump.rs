//! `ast.dump(tree, include_attributes=True)` in CPython 3.11's exact text
//! format, used to compare Taipan's parser with CPython's node for node.
//! (Filled in by the parser work; see crates/parser.)
