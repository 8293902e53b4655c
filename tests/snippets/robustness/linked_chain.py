# timeout: 120
# A long linked chain of objects freed at once must not overflow the native stack.
class Node:
    __slots__ = ("value", "next")
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt
head = None
for i in range(1_000_000):
    head = Node(i, head)
print(head.value, head.next.value)
total = 0
cur = head
while cur is not None:
    total += cur.value
    cur = cur.next
print(total)
head = None
print("freed slots chain")
class Plain:
    pass
first = Plain()
cur = first
for i in range(500_000):
    nxt = Plain()
    cur.next = nxt
    cur = nxt
del cur, nxt
first = None
print("freed dict chain")
