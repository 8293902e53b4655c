# warnings.warn prints to stderr with file and line; filters and catch_warnings.
import warnings
def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)
    return 1
warnings.warn("plain user warning")
warnings.warn("same text twice")
for _ in range(2):
    warnings.warn("warned once per location")
old_api()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_api()
    warnings.warn("recorded", RuntimeWarning)
print([(w.category.__name__, str(w.message)) for w in caught])
warnings.simplefilter("error")
try:
    warnings.warn("now an error")
except UserWarning as e:
    print("raised:", e)
print("done")
