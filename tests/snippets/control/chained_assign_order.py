# Evaluation order of assignments, calls, subscripts, and augmented assignment.
log = []
def t(name, value):
    log.append(name)
    return value
d = {}
d[t("key", "k")] = t("value", 1)
print(log); log.clear()
a = [0, 0]
a[t("index", 0)], a[t("index2", 1)] = t("rhs", (5, 6))
print(a, log); log.clear()
x = t("a", 1) + t("b", 2) * t("c", 3)
print(x, log); log.clear()
t("f", print)(t("arg1", 1), t("arg2", 2))
print(log); log.clear()
{t("k1", 1): t("v1", 1), t("k2", 2): t("v2", 2)}
print(log); log.clear()
l = [1]
l[t("sub", 0)] += t("inc", 10)
print(l, log)
