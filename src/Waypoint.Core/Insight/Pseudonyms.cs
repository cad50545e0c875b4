using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;

namespace Waypoint.Core.Insight;

/// <summary>
/// A council's secret for pseudonyms: made at random the first time an analyst's view needs it and kept in the
/// database, so a young person keeps the same pseudonym across restarts and on every web node. Never shown or logged.
/// </summary>
public sealed class PseudonymKey
{
    public required string CouncilCode { get; set; }

    /// <summary>256 random bits, the HMAC-SHA256 key.</summary>
    public required byte[] Secret { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Stable pseudonyms for one council's young people, such as "YP-7K3M9Q2XAB": the same person always gets the same
/// one, two people (in practice) never share one, and nothing about the person can be read back from it.
/// The pseudonym is a keyed hash (HMAC-SHA256) of the person's reference. An unkeyed hash would not do: staff see
/// references every day (in URLs, letters and the audit trail), so anyone could hash every reference they know, or
/// all of them, and match the results to an analyst's rows. Without the council's key that cannot be done.
/// </summary>
public sealed class Pseudonyms
{
    public const string Prefix = "YP-";

    /// <summary>Ten characters of 5 bits: with 2^50 values, two of even 100,000 people share one about once in 200,000 councils.</summary>
    public const int Length = 10;

    /// <summary>Crockford's base 32: digits and capitals without I, L, O and U, so no character is mistaken for another.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private readonly byte[] _secret;

    internal Pseudonyms(byte[] secret) => _secret = secret;

    /// <summary>The council's pseudonyms, making its key on first use.</summary>
    public static async Task<Pseudonyms> ForCouncilAsync(WaypointDbContext db, string council, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        for (var attempt = 0; ; attempt++)
        {
            var secret = await db.PseudonymKeys.AsNoTracking().Where(k => k.CouncilCode == council).Select(k => k.Secret).SingleOrDefaultAsync(cancellationToken);
            if (secret is not null) return new Pseudonyms(secret);
            var key = new PseudonymKey { CouncilCode = council, Secret = RandomNumberGenerator.GetBytes(32), CreatedAt = now };
            db.PseudonymKeys.Add(key);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new Pseudonyms(key.Secret);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request or node made the council's key first: use theirs, or the two would disagree.
                db.Entry(key).State = EntityState.Detached;
            }
        }
    }

    /// <summary>The pseudonym of the person with this reference.</summary>
    public string Of(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes(reference), hash);
        var bits = BinaryPrimitives.ReadUInt64BigEndian(hash);
        return string.Create(Prefix.Length + Length, bits, (text, b) =>
        {
            Prefix.AsSpan().CopyTo(text);
            for (var i = 0; i < Length; i++) text[Prefix.Length + i] = Alphabet[(int)(b >> (59 - (5 * i))) & 31];
        });
    }
}
