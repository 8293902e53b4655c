# An exception raised by __exit__ while another one propagates.
class Faulty:
    def __enter__(self):
        return self
    def __exit__(self, *exc):
        raise RuntimeError("exit failed")
with Faulty():
    raise ValueError("body failed")
