//! Opcode handlers, grouped by family.  `dispatch` is the single `match`
//! from opcode to handler; every handler has the signature
//! `fn(&Vm, &mut Frame, arg: u32) -> PyResult<Flow>`.

pub mod build;
pub mod calls;
pub mod control;
pub mod exc;
pub mod generator_ops;
pub mod matching;
pub mod names;
pub mod special;
pub mod stack;

use taipan_bytecode::Opcode;

use super::{Flow, Frame};
use crate::error::{PyResult, system_error};
use crate::value::PyRef;
use crate::vm::Vm;

/// Pops the top of the value stack (NULL markers become a SystemError).
#[inline]
pub(crate) fn pop(f: &mut Frame) -> PyResult<PyRef> {
    match f.stack.pop() {
        Some(Some(v)) => Ok(v),
        _ => Err(stack_error()),
    }
}

/// Pops an entry that may be the NULL marker.
#[inline]
pub(crate) fn pop_opt(f: &mut Frame) -> PyResult<Option<PyRef>> {
    f.stack.pop().ok_or_else(stack_error)
}

#[inline]
pub(crate) fn push(f: &mut Frame, v: PyRef) {
    f.stack.push(Some(v));
}

/// The `n`-th entry from the top (1 = top).
#[inline]
pub(crate) fn peek(f: &Frame, n: usize) -> PyResult<&PyRef> {
    let len = f.stack.len();
    if n == 0 || n > len {
        return Err(stack_error());
    }
    f.stack[len - n].as_ref().ok_or_else(stack_error)
}

#[cold]
pub(crate) fn stack_error() -> crate::error::PyErr {
    system_error("value stack underflow or unexpected NULL")
}

/// Pops `n` entries (in stack order) as owned references.
pub(crate) fn pop_n(f: &mut Frame, n: usize) -> PyResult<Vec<PyRef>> {
    let len = f.stack.len();
    if n > len {
        return Err(stack_error());
    }
    f.stack
        .drain(len - n..)
        .map(|x| x.ok_or_else(stack_error))
        .collect()
}

#[inline]
pub(crate) fn name(f: &Frame, i: u32) -> PyResult<PyRef> {
    f.pycode()
        .names
        .get(i as usize)
        .cloned()
        .ok_or_else(|| system_error("name index out of range"))
}

/// The one `match` from opcode to handler.
#[inline]
pub fn dispatch(vm: &Vm, f: &mut Frame, op: Opcode, arg: u32) -> PyResult<Flow> {
    use Opcode::*;
    match op {
        NOP | EXTENDED_ARG => Ok(Flow::Next),
        RESUME => control::resume(vm, f, arg),
        POP_TOP => stack::pop_top(vm, f, arg),
        PUSH_NULL => stack::push_null(vm, f, arg),
        COPY => stack::copy(vm, f, arg),
        SWAP => stack::swap(vm, f, arg),
        LOAD_CONST => stack::load_const(vm, f, arg),
        UNARY_POSITIVE | UNARY_NEGATIVE | UNARY_NOT | UNARY_INVERT => stack::unary(vm, f, op),
        BINARY_OP => stack::binary_op(vm, f, arg),
        COMPARE_OP => stack::compare_op(vm, f, arg),
        IS_OP => stack::is_op(vm, f, arg),
        CONTAINS_OP => stack::contains_op(vm, f, arg),
        BINARY_SUBSCR => stack::binary_subscr_adaptive(vm, f, arg),
        STORE_SUBSCR => stack::store_subscr_adaptive(vm, f, arg),
        DELETE_SUBSCR => stack::delete_subscr(vm, f, arg),
        BUILD_SLICE => stack::build_slice(vm, f, arg),
        FORMAT_VALUE => stack::format_value(vm, f, arg),
        BUILD_STRING => stack::build_string(vm, f, arg),
        GET_LEN => stack::get_len(vm, f, arg),
        PRINT_EXPR => stack::print_expr(vm, f, arg),

        LOAD_FAST => names::load_fast(vm, f, arg),
        STORE_FAST => names::store_fast(vm, f, arg),
        DELETE_FAST => names::delete_fast(vm, f, arg),
        LOAD_NAME => names::load_name(vm, f, arg),
        STORE_NAME => names::store_name(vm, f, arg),
        DELETE_NAME => names::delete_name(vm, f, arg),
        LOAD_GLOBAL => names::load_global(vm, f, arg),
        STORE_GLOBAL => names::store_global(vm, f, arg),
        DELETE_GLOBAL => names::delete_global(vm, f, arg),
        LOAD_ATTR => names::load_attr(vm, f, arg),
        STORE_ATTR => names::store_attr(vm, f, arg),
        DELETE_ATTR => names::delete_attr(vm, f, arg),
        LOAD_METHOD => names::load_method(vm, f, arg),
        MAKE_CELL => names::make_cell(vm, f, arg),
        LOAD_CLOSURE => names::load_closure(vm, f, arg),
        LOAD_DEREF => names::load_deref(vm, f, arg),
        STORE_DEREF => names::store_deref(vm, f, arg),
        DELETE_DEREF => names::delete_deref(vm, f, arg),
        LOAD_CLASSDEREF => names::load_classderef(vm, f, arg),
        COPY_FREE_VARS => names::copy_free_vars(vm, f, arg),
        SETUP_ANNOTATIONS => names::setup_annotations(vm, f, arg),
        IMPORT_NAME => names::import_name(vm, f, arg),
        IMPORT_FROM => names::import_from(vm, f, arg),
        IMPORT_STAR => names::import_star(vm, f, arg),

        BUILD_TUPLE => build::build_tuple(vm, f, arg),
        BUILD_LIST => build::build_list(vm, f, arg),
        BUILD_SET => build::build_set(vm, f, arg),
        BUILD_MAP => build::build_map(vm, f, arg),
        BUILD_CONST_KEY_MAP => build::build_const_key_map(vm, f, arg),
        LIST_APPEND => build::list_append(vm, f, arg),
        SET_ADD => build::set_add(vm, f, arg),
        MAP_ADD => build::map_add(vm, f, arg),
        LIST_EXTEND => build::list_extend(vm, f, arg),
        SET_UPDATE => build::set_update(vm, f, arg),
        DICT_MERGE => build::dict_merge(vm, f, arg),
        DICT_UPDATE => build::dict_update(vm, f, arg),
        LIST_TO_TUPLE => build::list_to_tuple(vm, f, arg),
        UNPACK_SEQUENCE => {
            if f.quick().adapt(f.lasti) {
                special::specialize_unpack_sequence(f, arg);
            }
            build::unpack_sequence(vm, f, arg)
        }
        UNPACK_EX => build::unpack_ex(vm, f, arg),

        KW_NAMES => calls::kw_names(vm, f, arg),
        CALL => calls::call(vm, f, arg),
        CALL_FUNCTION_EX => calls::call_function_ex(vm, f, arg),
        MAKE_FUNCTION => calls::make_function(vm, f, arg),
        LOAD_BUILD_CLASS => calls::load_build_class(vm, f, arg),
        RETURN_VALUE => Ok(Flow::Return(pop(f)?)),

        JUMP_FORWARD | JUMP_BACKWARD_NO_INTERRUPT => control::jump(vm, f, arg),
        JUMP_BACKWARD => control::jump_backward(vm, f, arg),
        POP_JUMP_IF_FALSE => control::pop_jump_if(vm, f, arg, false),
        POP_JUMP_IF_TRUE => control::pop_jump_if(vm, f, arg, true),
        POP_JUMP_IF_NONE => control::pop_jump_if_none(vm, f, arg, true),
        POP_JUMP_IF_NOT_NONE => control::pop_jump_if_none(vm, f, arg, false),
        JUMP_IF_FALSE_OR_POP => control::jump_or_pop(vm, f, arg, false),
        JUMP_IF_TRUE_OR_POP => control::jump_or_pop(vm, f, arg, true),
        GET_ITER => control::get_iter(vm, f, arg),
        FOR_ITER => control::for_iter(vm, f, arg),

        RAISE_VARARGS => exc::raise_varargs(vm, f, arg),
        RERAISE => exc::reraise(vm, f, arg),
        PUSH_EXC_INFO => exc::push_exc_info(vm, f, arg),
        POP_EXCEPT => exc::pop_except(vm, f, arg),
        CHECK_EXC_MATCH => exc::check_exc_match(vm, f, arg),
        CHECK_EG_MATCH => exc::check_eg_match(vm, f, arg),
        PREP_RERAISE_STAR => exc::prep_reraise_star(vm, f, arg),
        LOAD_ASSERTION_ERROR => exc::load_assertion_error(vm, f, arg),
        BEFORE_WITH => exc::before_with(vm, f, arg),
        WITH_EXCEPT_START => exc::with_except_start(vm, f, arg),

        YIELD_VALUE => Ok(Flow::Yield(pop(f)?)),
        SEND => generator_ops::send(vm, f, arg),
        GET_YIELD_FROM_ITER => generator_ops::get_yield_from_iter(vm, f, arg),
        GET_AWAITABLE => generator_ops::get_awaitable(vm, f, arg),
        GET_AITER => generator_ops::get_aiter(vm, f, arg),
        GET_ANEXT => generator_ops::get_anext(vm, f, arg),
        END_ASYNC_FOR => generator_ops::end_async_for(vm, f, arg),
        ASYNC_GEN_WRAP => generator_ops::async_gen_wrap(vm, f, arg),
        BEFORE_ASYNC_WITH => generator_ops::before_async_with(vm, f, arg),

        MATCH_MAPPING => matching::match_mapping(vm, f, arg),
        MATCH_SEQUENCE => matching::match_sequence(vm, f, arg),
        MATCH_KEYS => matching::match_keys(vm, f, arg),
        MATCH_CLASS => matching::match_class(vm, f, arg),

        LOAD_ATTR_INSTANCE => special::load_attr_instance(vm, f, arg),
        LOAD_ATTR_MODULE => special::load_attr_module(vm, f, arg),
        LOAD_ATTR_CLASS => special::load_attr_class(vm, f, arg),
        STORE_ATTR_INSTANCE => special::store_attr_instance(vm, f, arg),
        STORE_ATTR_INSTANCE_ADD => special::store_attr_instance_add(vm, f, arg),
        LOAD_METHOD_CACHED => special::load_method_cached(vm, f, arg),
        LOAD_METHOD_MODULE => special::load_method_module(vm, f, arg),
        LOAD_GLOBAL_MODULE => special::load_global_module(vm, f, arg),
        LOAD_GLOBAL_BUILTIN => special::load_global_builtin(vm, f, arg),
        BINARY_OP_ADD_INT => special::binary_op_add_int(vm, f, arg),
        BINARY_OP_SUBTRACT_INT => special::binary_op_subtract_int(vm, f, arg),
        BINARY_OP_MULTIPLY_INT => special::binary_op_multiply_int(vm, f, arg),
        BINARY_OP_BITWISE_INT => special::binary_op_bitwise_int(vm, f, arg),
        BINARY_OP_FLOAT => special::binary_op_float(vm, f, arg),
        COMPARE_OP_INT => special::compare_op_int(vm, f, arg),
        COMPARE_OP_FLOAT => special::compare_op_float(vm, f, arg),
        COMPARE_OP_STR => special::compare_op_str(vm, f, arg),
        BINARY_SUBSCR_LIST_INT => special::binary_subscr_list_int(vm, f, arg),
        BINARY_SUBSCR_TUPLE_INT => special::binary_subscr_tuple_int(vm, f, arg),
        BINARY_SUBSCR_DICT => special::binary_subscr_dict(vm, f, arg),
        STORE_SUBSCR_LIST_INT => special::store_subscr_list_int(vm, f, arg),
        STORE_SUBSCR_DICT => special::store_subscr_dict(vm, f, arg),
        FOR_ITER_RANGE => special::for_iter_range(vm, f, arg),
        FOR_ITER_SEQ => special::for_iter_seq(vm, f, arg),
        UNPACK_SEQUENCE_TUPLE => special::unpack_sequence_tuple(vm, f, arg),
        UNPACK_SEQUENCE_LIST => special::unpack_sequence_list(vm, f, arg),
        CALL_PY_EXACT_ARGS => special::call_py_exact_args(vm, f, arg),
        CALL_PY_WITH_DEFAULTS => special::call_py_with_defaults(vm, f, arg),
        CALL_BUILTIN_LEN => special::call_builtin_len(vm, f, arg),
        CALL_BUILTIN_ISINSTANCE => special::call_builtin_isinstance(vm, f, arg),
        CALL_LIST_APPEND => special::call_list_append(vm, f, arg),
        CALL_PY_CLASS => special::call_py_class(vm, f, arg),

        SETUP_FINALLY | SETUP_CLEANUP | SETUP_WITH | POP_BLOCK | JUMP | JUMP_NO_INTERRUPT => Err(
            system_error(format!("pseudo-instruction {} in a code object", op.name())),
        ),
    }
}
