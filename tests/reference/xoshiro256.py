"""Reference values for KilnRandomTests: xoshiro256** (Blackman & Vigna, 2018) seeded by
SplitMix64-derived words, written independently of the C# code from the published algorithm."""
M = (1 << 64) - 1


def derive(seed, stream):
    z = (seed + 0x9E3779B97F4A7C15 * (stream + 1)) & M
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro(seed, count):
    s = [derive(seed, i) for i in range(4)]
    for _ in range(count):
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        yield result


if __name__ == "__main__":
    print(list(xoshiro(42, 3)))
