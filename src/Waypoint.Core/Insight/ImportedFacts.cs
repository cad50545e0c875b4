using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Data;
using Waypoint.Core.Ingest;

namespace Waypoint.Core.Insight;

/// <summary>
/// Rows the measures read only from imported data (the records, their links to people, the people's dates of birth),
/// kept in memory between requests: reading them is most of a large council's dashboard, and they change only with an
/// import, a merge or split made by hand, or a retention removal. The key holds the data's version
/// (<see cref="ImportedData"/>), so a change made through any web node or the command line is seen at once; a retention removal moves
/// neither, so rows are also read again after <see cref="KeptFor"/>. The rows are the council's, before a measure picks
/// a team's or a cohort's people from them, so every scope shares them.
/// </summary>
internal static class ImportedFacts
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(10);

    private const int MostKept = 128;

    private sealed record Key(string Database, string Council, ImportedDataVersion Version, string Fact);

    private sealed record Entry(long ReadAt, Lazy<Task<object>> Rows);

    private static readonly ConcurrentDictionary<Key, Entry> Kept = new();

    /// <summary>
    /// The rows <paramref name="read"/> gives for <paramref name="fact"/> (a name and the arguments that pick the rows),
    /// read once for any number of requests at the same time; a read that fails or is cancelled is not kept.
    /// </summary>
    public static async Task<T> GetAsync<T>(
        WaypointDbContext db, string council, string fact, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
        where T : class
    {
        var key = new Key(db.Database.GetConnectionString() ?? "", council, await ImportedData.VersionAsync(db, council, cancellationToken), fact);
        while (true)
        {
            var now = Environment.TickCount64;
            if (Kept.Count >= MostKept) Kept.Clear();
            var entry = Kept.AddOrUpdate(key,
                _ => new Entry(now, new(() => ReadAsync(read, cancellationToken))),
                (_, kept) => now - kept.ReadAt > KeptFor.TotalMilliseconds ? new Entry(now, new(() => ReadAsync(read, cancellationToken))) : kept);
            try
            {
                return (T)await entry.Rows.Value;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Kept.TryRemove(KeyValuePair.Create(key, entry));
                // Another request's read was cancelled (its reader went away): read again for this one.
                if (entry.Rows.Value.IsCanceled) continue;
                throw;
            }
        }
    }

    private static async Task<object> ReadAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken) where T : class =>
        await read(cancellationToken);
}
