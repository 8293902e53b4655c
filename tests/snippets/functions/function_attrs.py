# Function objects: attributes, introspection, callable().
def documented(a, b=2, *c, d, **e):
    """The docstring."""
    local = a
    return local
print(documented.__name__, documented.__qualname__, documented.__doc__, documented.__module__)
print(documented.__defaults__, documented.__kwdefaults__, documented.__code__.co_argcount)
print(documented.__code__.co_kwonlyargcount, documented.__code__.co_posonlyargcount, documented.__code__.co_varnames)
print(documented.__code__.co_name, callable(documented), callable(1), type(documented).__name__)
documented.custom = "attribute"
print(documented.custom, documented.__dict__)
class K:
    def method(self):
        def inner():
            pass
        return inner
print(K.method.__qualname__, K().method().__qualname__)
def nodoc(): pass
print(nodoc.__doc__, nodoc())
print(documented.__globals__ is globals(), documented.__builtins__ is not None if hasattr(documented, "__builtins__") else True)
