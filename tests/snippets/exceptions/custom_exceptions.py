# User-defined exception classes.
class AppError(Exception):
    """Base for app errors."""
class NotFound(AppError):
    def __init__(self, what):
        super().__init__(f"{what} not found")
        self.what = what
class Invalid(AppError):
    def __str__(self):
        return "invalid: " + ", ".join(map(str, self.args))
def find(x):
    if x == "bad":
        raise Invalid("x", 42)
    raise NotFound(x)
for arg in ("thing", "bad"):
    try:
        find(arg)
    except NotFound as e:
        print("NotFound", e, e.what, e.args)
    except AppError as e:
        print("AppError", e, repr(e))
class WithRepr(Exception):
    def __repr__(self):
        return "custom repr"
print(repr(WithRepr()), str(WithRepr("s")))
try:
    raise NotFound("deep")
except Exception as e:
    print(isinstance(e, AppError), isinstance(e, NotFound), type(e).__mro__[2].__name__)
