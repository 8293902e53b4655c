def f():
    try:
        a()
    except ValueError as e:
        b(e)
    except (TypeError, KeyError):
        c()
    except:
        raise
    else:
        d()
    finally:
        e()

def g():
    for x in y:
        try:
            return x
        finally:
            continue

def h():
    try:
        a()
    except* ValueError as eg:
        b(eg)
    except* TypeError:
        pass

def w():
    with open("a") as f, open("b"):
        return f.read()
