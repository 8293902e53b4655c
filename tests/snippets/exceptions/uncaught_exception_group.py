def fail():
    raise ExceptionGroup("batch failed", [ValueError("bad value"), TypeError("bad type")])
fail()
