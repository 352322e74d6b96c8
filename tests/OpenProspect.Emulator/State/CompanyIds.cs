namespace OpenProspect.Emulator.State;

/// <summary>What a generated id names.</summary>
public enum GeneratedKind
{
    Company = 1,
    Prospect = 2,
    Job = 3,
}

/// <summary>The decoded content of a generated id: which search, which company in it, and which child (prospect, job).</summary>
public readonly record struct GeneratedRef(GeneratedKind Kind, int SearchIndex, int Ordinal, int Child);

/// <summary>
/// Ids of generated companies, prospects and jobs, without storing them: each id encodes (kind, search index,
/// ordinal of the company in its search, child number) through a keyed, invertible 64-bit mix, plus a 58-bit
/// keyed check value in the remaining bits, laid out as a valid UUID v4 (version nibble 4, RFC 4122 variant).
/// So an id resolves back to its company with a little arithmetic, ids look random, differ with --seed, and a
/// UUID that was not issued here (e.g. a random one) fails the check (chance of a false match: 2^-58).
/// </summary>
public sealed class CompanyIds
{
    public const int MaxSearchIndex = (1 << 12) - 1;
    public const long MaxOrdinal = (1L << 40) - 1;
    public const int MaxChild = (1 << 8) - 1;

    private const ulong M1 = 0xBF58476D1CE4E5B9UL;
    private const ulong M2 = 0x94D049BB133111EBUL;
    private static readonly ulong M1Inverse = Inverse(M1);
    private static readonly ulong M2Inverse = Inverse(M2);

    private readonly ulong _key;
    private readonly ulong _checkKey;

    public CompanyIds(int seed)
    {
        _key = StableHash.Mix((ulong)(uint)seed ^ 0x5851F42D4C957F2DUL);
        _checkKey = StableHash.Mix(_key ^ 0x2545F4914F6CDD1DUL);
    }

    public Guid Encode(GeneratedKind kind, int searchIndex, int ordinal, int child = 0)
    {
        var payload = ((ulong)kind << 60) | ((ulong)(uint)searchIndex << 48) | ((ulong)(uint)ordinal << 8) | (uint)child;
        var x = Mix(payload ^ _key);
        var check = StableHash.Mix(x ^ _checkKey);
        Span<byte> b = stackalloc byte[16];
        for (var i = 0; i < 6; i++) b[i] = (byte)(x >> (56 - 8 * i));     // x bits 63..16
        b[9] = (byte)(x >> 8);
        b[10] = (byte)x;                                                   // x bits 15..0
        b[6] = (byte)(0x40 | (check & 0x0F));                              // version 4
        b[7] = (byte)(check >> 4);
        b[8] = (byte)(0x80 | ((check >> 12) & 0x3F));                      // RFC 4122 variant
        for (var i = 0; i < 5; i++) b[11 + i] = (byte)(check >> (18 + 8 * i));
        return new Guid(b, bigEndian: true);
    }

    /// <summary>Decodes an id issued by <see cref="Encode"/>; false for any other UUID.</summary>
    public bool TryDecode(Guid id, out GeneratedRef reference)
    {
        reference = default;
        Span<byte> b = stackalloc byte[16];
        if (!id.TryWriteBytes(b, bigEndian: true, out _)) return false;
        ulong x = 0;
        for (var i = 0; i < 6; i++) x = (x << 8) | b[i];
        x = (x << 8) | b[9];
        x = (x << 8) | b[10];
        var check = StableHash.Mix(x ^ _checkKey);
        if (b[6] != (byte)(0x40 | (check & 0x0F)) || b[7] != (byte)(check >> 4) || b[8] != (byte)(0x80 | ((check >> 12) & 0x3F)))
            return false;
        for (var i = 0; i < 5; i++)
            if (b[11 + i] != (byte)(check >> (18 + 8 * i))) return false;
        var payload = Unmix(x) ^ _key;
        var kind = (int)(payload >> 60);
        if (kind is < (int)GeneratedKind.Company or > (int)GeneratedKind.Job) return false;
        var ordinal = (long)((payload >> 8) & (ulong)MaxOrdinal);
        if (ordinal > int.MaxValue) return false;
        reference = new GeneratedRef((GeneratedKind)kind, (int)((payload >> 48) & MaxSearchIndex), (int)ordinal, (int)(payload & MaxChild));
        return true;
    }

    // An invertible 64-bit mix (xorshift-multiply rounds, as in splitmix64's finalizer).
    private static ulong Mix(ulong x)
    {
        x ^= x >> 31;
        x *= M1;
        x ^= x >> 29;
        x *= M2;
        x ^= x >> 32;
        return x;
    }

    private static ulong Unmix(ulong x)
    {
        x = UndoXorShift(x, 32);
        x *= M2Inverse;
        x = UndoXorShift(x, 29);
        x *= M1Inverse;
        x = UndoXorShift(x, 31);
        return x;
    }

    private static ulong UndoXorShift(ulong y, int shift)
    {
        var x = y;
        for (var i = 0; i < 64 / shift + 1; i++) x = y ^ (x >> shift);
        return x;
    }

    // The multiplicative inverse of an odd number modulo 2^64 (Newton's iteration: 3 → 6 → ... → 96 correct bits).
    private static ulong Inverse(ulong a)
    {
        var inverse = a;
        for (var i = 0; i < 5; i++) inverse *= 2 - a * inverse;
        return inverse;
    }
}

/// <summary>Deterministic hashing for generated data (splitmix64's finalizer).</summary>
public static class StableHash
{
    public static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public static ulong Of(ulong a, ulong b) => Mix(Mix(a) ^ b);

    public static ulong Of(ulong a, ulong b, ulong c) => Mix(Of(a, b) ^ c);

    /// <summary>A number from 0 to <paramref name="count"/> - 1.</summary>
    public static int Pick(ulong hash, int count) => (int)(hash % (ulong)count);
}
