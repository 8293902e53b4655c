"""A Richards-like operating-system scheduler simulation.

Tasks of four kinds (idle, worker, handler, device) exchange packets through a
priority scheduler: tasks are held, released, suspended and resumed, packets
are queued and handed between tasks. Stresses method calls on small objects,
attribute access, isinstance-free polymorphism and linked lists.
"""

IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
BUFFER_SIZE = 4


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.datum = 0
        self.data = [0] * BUFFER_SIZE

    def append_to(self, queue):
        """Appends this packet to the list starting at queue; returns the new head."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    def __init__(self, scheduler, ident, priority, queue):
        self.scheduler = scheduler
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.held = False
        self.suspended = True  # waiting for a packet
        self.next = scheduler.tasks
        scheduler.tasks = self
        scheduler.table[ident] = self

    def runnable(self):
        return not self.held and (not self.suspended or self.queue is not None)

    def next_packet(self):
        """The packet to run with: the first queued one if the task was waiting for one."""
        if self.suspended and self.queue is not None:
            packet = self.queue
            self.queue = packet.link
            self.suspended = False
            return packet
        return None

    def receive(self, packet, sender):
        """A packet arrives; returns the task the scheduler should run next."""
        was_empty = self.queue is None
        self.queue = packet.append_to(self.queue)
        if was_empty and self.priority > sender.priority:
            return self
        return sender

    def run(self, packet):
        raise NotImplementedError


class IdleTask(Task):
    def __init__(self, scheduler, ident, priority, count):
        super().__init__(scheduler, ident, priority, None)
        self.control = 1
        self.count = count
        self.suspended = False

    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.scheduler.hold_self(self)
        if self.control & 1 == 0:
            self.control >>= 1
            return self.scheduler.release(DEVICE_A, self)
        self.control = (self.control >> 1) ^ 0xD008
        return self.scheduler.release(DEVICE_B, self)


class WorkerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue)
        self.destination = HANDLER_A
        self.count = 0

    def run(self, packet):
        if packet is None:
            return self.scheduler.wait(self)
        self.destination = HANDLER_B if self.destination == HANDLER_A else HANDLER_A
        packet.dest = self.destination
        packet.datum = 0
        for i in range(BUFFER_SIZE):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = ord("A") + self.count - 1
        return self.scheduler.send(packet, self)


class HandlerTask(Task):
    def __init__(self, scheduler, ident, priority, queue):
        super().__init__(scheduler, ident, priority, queue)
        self.work = None
        self.devices = None

    def run(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        if self.work is not None:
            work = self.work
            if work.datum < BUFFER_SIZE:
                if self.devices is not None:
                    device = self.devices
                    self.devices = device.link
                    device.datum = work.data[work.datum]
                    work.datum += 1
                    return self.scheduler.send(device, self)
            else:
                self.work = work.link
                return self.scheduler.send(work, self)
        return self.scheduler.wait(self)


class DeviceTask(Task):
    def __init__(self, scheduler, ident, priority):
        super().__init__(scheduler, ident, priority, None)
        self.pending = None

    def run(self, packet):
        if packet is None:
            if self.pending is None:
                return self.scheduler.wait(self)
            done, self.pending = self.pending, None
            return self.scheduler.send(done, self)
        self.pending = packet
        self.scheduler.output.append(packet.datum)
        return self.scheduler.hold_self(self)


class Scheduler:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 6
        self.hold_count = 0
        self.send_count = 0
        self.output = []

    def find(self, ident):
        return self.table[ident]

    def hold_self(self, task):
        self.hold_count += 1
        task.held = True
        return task.next

    def wait(self, task):
        task.suspended = True
        return task

    def release(self, ident, current):
        task = self.find(ident)
        task.held = False
        if task.priority > current.priority:
            return task
        return current

    def send(self, packet, current):
        self.send_count += 1
        target = self.find(packet.dest)
        packet.dest = current.ident  # the receiver replies to the sender
        return target.receive(packet, current)

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.runnable():
                task = task.run(task.next_packet())
            else:
                task = task.next


def run(count):
    s = Scheduler()
    IdleTask(s, IDLE, 0, count)
    work = Packet(None, WORKER, KIND_WORK)
    work = Packet(work, WORKER, KIND_WORK)
    WorkerTask(s, WORKER, 1000, work)
    for handler, device in ((HANDLER_A, DEVICE_A), (HANDLER_B, DEVICE_B)):
        queue = Packet(None, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        queue = Packet(queue, device, KIND_DEVICE)
        HandlerTask(s, handler, 2000 + handler, queue)
    DeviceTask(s, DEVICE_A, 4000)
    DeviceTask(s, DEVICE_B, 5000)
    s.schedule()
    return s.hold_count, s.send_count, sum(s.output) % 1_000_003


def main():
    total = (0, 0, 0)
    for _ in range(10):
        result = run(10_000)
        total = tuple(a + b for a, b in zip(total, result))
    return total


print("checksum", *main())
