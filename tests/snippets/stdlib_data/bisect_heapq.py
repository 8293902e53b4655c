# _bisect and _heapq: the C accelerators behind bisect and heapq (lo/hi/key, errors, heap invariants).
import bisect, heapq, _bisect, _heapq

def t(f, *a, **k):
    try:
        r = f(*a, **k)
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ':', e)

print(bisect.bisect is _bisect.bisect_right, heapq.heappush is _heapq.heappush)
a = [1, 2, 2, 2, 3, 5, 8]
for x in [0, 1, 2, 4, 8, 9]:
    print(x, bisect.bisect_left(a, x), bisect.bisect_right(a, x), bisect.bisect(a, x, 2), bisect.bisect_left(a, x, 1, 4), bisect.bisect_right(a, x, hi=3))
t(bisect.bisect_right, a, 1, -1); t(bisect.bisect_right, None, 1); t(bisect.bisect_right, [1], 1, 0, 5)
t(bisect.bisect_right, [1, 2, 3], 2, hi=-5); t(bisect.insort_right, (1,), 2); t(bisect.bisect_right)
t(bisect.bisect_left, [1, 2, 3], x=2, lo=1); t(bisect.bisect_right, [1, 2], 'a'); t(bisect.bisect_right, [1, 2], 1, None)
t(bisect.bisect_right, [1, 2], 1, 0, 1, 5); t(bisect.bisect_right, [1, 2, 3], 2, 0, 2, key=None, extra=1)
recs = [('a', 1), ('b', 3), ('c', 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ('d', 4), key=lambda r: r[1]); bisect.insort_left(recs, ('e', 3), key=lambda r: r[1]); print(recs)
l = []
for x in [5, 1, 4, 1, 5, 9, 2, 6]:
    bisect.insort(l, x)
    bisect.insort_left(l, x + 0.5)
print(l)
class Seq:
    def __init__(self):
        self.d = [1, 3, 5]
    def __len__(self):
        return len(self.d)
    def __getitem__(self, i):
        return self.d[i]
    def insert(self, i, x):
        self.d.insert(i, x)
s = Seq(); bisect.insort(s, 4); print(s.d, bisect.bisect(s, 4))

h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, [heapq.heappop(h) for _ in range(3)], h)
print(heapq.heapreplace(h, 0), h, heapq.heappushpop(h, -1), heapq.heappushpop(h, 100), h)
d = [9, 4, 7, 1, 8, 2]; heapq.heapify(d); print(d)
print(heapq.nlargest(3, [5, 1, 8, 3, 9]), heapq.nsmallest(2, [5, 1, 8, 3, 9]), list(heapq.merge([1, 4, 7], [2, 5], [3])))
print(list(heapq.merge([7, 4, 1], [5, 2], reverse=True)), heapq.nlargest(2, ['a', 'bbb', 'cc'], key=len))
m = [1, 5, 3]; _heapq._heapify_max(m); print(m, _heapq._heappop_max(m), m, _heapq._heapreplace_max(m, 0), m)
t(heapq.heappush, (), 1); t(heapq.heappop, []); t(heapq.heappop, ()); t(heapq.heapify, ())
t(heapq.heapreplace, [], 1); t(heapq.heappushpop, [], 1); t(_heapq._heappop_max, []); t(heapq.heappush, [])
t(heapq.heappush, [1], 'a')
print(sorted(x for x in dir(_heapq) if not x.startswith('__')), sorted(x for x in dir(_bisect) if not x.startswith('__')))
class Evil:
    def __init__(self, h):
        self.h = h
    def __lt__(self, other):
        self.h.clear()
        return False
h = [1, 2, 3]
h.append(Evil(h)); h[0], h[3] = h[3], h[0]
t(heapq.heapify, h)
