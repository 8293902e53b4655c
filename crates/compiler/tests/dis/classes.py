class A(Base, metaclass=Meta):
    "doc"
    attr: int = 1
    __private = 2

    def method(self):
        return super().method(self.__private)

    @property
    def prop(self):
        return __class__

class B:
    x = 1
    def f(self):
        return x
