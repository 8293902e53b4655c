"""A small ray tracer: spheres and a checkered plane, point lights, shadows, reflections.

Vectors are a class with operator overloading (the natural way to write it),
so this exercises float arithmetic, dunder method calls and many short-lived
objects. The image is reduced to a checksum of its 8-bit pixel values.
"""

import math


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def __mul__(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    __rmul__ = __mul__

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def length(self):
        return math.sqrt(self.dot(self))

    def normalized(self):
        return self * (1.0 / self.length())

    def blend(self, other):
        """Component-wise product (filtering one colour by another)."""
        return Vec(self.x * other.x, self.y * other.y, self.z * other.z)


BLACK = Vec(0.0, 0.0, 0.0)
EPSILON = 1e-6


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin + self.direction * t


class Material:
    def __init__(self, colour, diffuse=0.8, specular=0.3, shininess=30, reflect=0.0):
        self.colour = colour
        self.diffuse = diffuse
        self.specular = specular
        self.shininess = shininess
        self.reflect = reflect

    def colour_at(self, point):
        return self.colour


class Checker(Material):
    def colour_at(self, point):
        if (math.floor(point.x) + math.floor(point.z)) % 2 == 0:
            return self.colour
        return Vec(0.1, 0.1, 0.1)


class Sphere:
    def __init__(self, centre, radius, material):
        self.centre = centre
        self.radius = radius
        self.material = material

    def intersect(self, ray):
        oc = ray.origin - self.centre
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0:
            return None
        root = math.sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        return t if t > EPSILON else None

    def normal(self, point):
        return (point - self.centre).normalized()


class Plane:
    def __init__(self, point, normal, material):
        self.point = point
        self.n = normal.normalized()
        self.material = material

    def intersect(self, ray):
        denom = self.n.dot(ray.direction)
        if abs(denom) < EPSILON:
            return None
        t = (self.point - ray.origin).dot(self.n) / denom
        return t if t > EPSILON else None

    def normal(self, point):
        return self.n


class Scene:
    def __init__(self, objects, lights, ambient=0.1):
        self.objects = objects
        self.lights = lights
        self.ambient = ambient

    def nearest(self, ray):
        best, hit = math.inf, None
        for obj in self.objects:
            t = obj.intersect(ray)
            if t is not None and t < best:
                best, hit = t, obj
        return hit, best

    def shadowed(self, point, light_pos):
        to_light = light_pos - point
        dist = to_light.length()
        ray = Ray(point, to_light * (1.0 / dist))
        return any((t := obj.intersect(ray)) is not None and t < dist for obj in self.objects)

    def trace(self, ray, depth=0):
        obj, t = self.nearest(ray)
        if obj is None:
            return Vec(0.2, 0.3, 0.5) * (0.5 + 0.5 * ray.direction.y)
        point = ray.at(t)
        normal = obj.normal(point)
        mat = obj.material
        base = mat.colour_at(point)
        colour = base * self.ambient
        for light_pos, light_colour in self.lights:
            if self.shadowed(point, light_pos):
                continue
            to_light = (light_pos - point).normalized()
            lambert = normal.dot(to_light)
            if lambert > 0:
                colour = colour + base.blend(light_colour) * (mat.diffuse * lambert)
                half = (to_light - ray.direction).normalized()
                spec = max(normal.dot(half), 0.0) ** mat.shininess
                colour = colour + light_colour * (mat.specular * spec)
        if mat.reflect > 0 and depth < 3:
            d = ray.direction
            reflected = d - normal * (2 * d.dot(normal))
            colour = colour + self.trace(Ray(point, reflected), depth + 1) * mat.reflect
        return colour


def to_byte(c):
    return max(0, min(255, int(c * 255 + 0.5)))


def render(scene, width, height):
    eye = Vec(0.0, 1.0, -5.0)
    checksum = 0
    histogram = [0] * 8
    for j in range(height):
        y = 1.0 - 2.0 * j / height
        for i in range(width):
            x = (2.0 * i / width - 1.0) * width / height
            direction = (Vec(x, y, 0.0) - Vec(0.0, 0.0, -1.5)).normalized()
            c = scene.trace(Ray(eye, direction))
            r, g, b = to_byte(c.x), to_byte(c.y), to_byte(c.z)
            checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1_000_000_007
            histogram[(r + g + b) // 96] += 1
    return checksum, histogram


def main():
    scene = Scene(
        [
            Sphere(Vec(0.0, 1.0, 3.0), 1.0, Material(Vec(0.9, 0.2, 0.2), reflect=0.3)),
            Sphere(Vec(-2.0, 0.7, 4.0), 0.7, Material(Vec(0.2, 0.9, 0.3), reflect=0.1)),
            Sphere(Vec(1.8, 0.5, 2.0), 0.5, Material(Vec(0.3, 0.4, 1.0), specular=0.8, reflect=0.5)),
            Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0), Checker(Vec(0.9, 0.9, 0.9), reflect=0.2)),
        ],
        [(Vec(-5.0, 8.0, -3.0), Vec(1.0, 1.0, 1.0)), (Vec(4.0, 5.0, 0.0), Vec(0.4, 0.4, 0.3))],
    )
    return render(scene, 160, 120)


checksum, histogram = main()
print("checksum", checksum, histogram)
