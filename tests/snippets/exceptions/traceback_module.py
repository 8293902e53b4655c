# The traceback module formats exceptions the way the interpreter does.
import traceback
def inner():
    return {}["key"]
def outer():
    return inner()
try:
    outer()
except KeyError:
    text = traceback.format_exc()
    print(text.replace(__file__, "FILE"))
try:
    try:
        1 / 0
    except ZeroDivisionError as e:
        raise ValueError("wrapped") from e
except ValueError as e:
    lines = traceback.format_exception(e)
    print("".join(lines).replace(__file__, "FILE"))
    print(traceback.format_exception_only(type(e), e))
def f():
    return traceback.extract_stack()
frames = f()
print([(fr.name, fr.lineno) for fr in frames])
print(traceback.format_list([frames[-1]])[0].replace(__file__, "FILE"), end="")
