using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Waypoint.Core.Audit;
using Waypoint.Core.Data;

namespace Waypoint.Core.Spreadsheets;

/// <summary>A council's saved spreadsheet mappings: saved, listed and found by name; written to and read from JSON.</summary>
public static class SpreadsheetMappings
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static async Task<SpreadsheetMapping?> FindAsync(WaypointDbContext db, string council, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SpreadsheetMappings.AsNoTracking().Include(m => m.Columns).Include(m => m.Codes)
            .AsSplitQuery().SingleOrDefaultAsync(m => m.CouncilCode == council && m.Name == name, cancellationToken);
    }

    public static async Task<List<SpreadsheetMapping>> ListAsync(WaypointDbContext db, string council, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var mappings = await db.SpreadsheetMappings.AsNoTracking().Include(m => m.Columns).Include(m => m.Codes)
            .AsSplitQuery().Where(m => m.CouncilCode == council).ToListAsync(cancellationToken);
        return [.. mappings.OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Saves a mapping for its council, replacing one of the same name. Returns what is wrong with it (nothing is saved
    /// then), or nothing. Saving the same mapping again changes nothing, so files read through it stay "already imported".
    /// </summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(
        WaypointDbContext db, SpreadsheetMapping mapping, string userName, string role, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(time);
        var problems = mapping.Check();
        if (problems.Count > 0) return problems;
        var existing = await FindAsync(db, mapping.CouncilCode, mapping.Name, cancellationToken);
        if (existing is not null && existing.Fingerprint("") == mapping.Fingerprint("")) return [];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (existing is not null) await db.SpreadsheetMappings.Where(m => m.Id == existing.Id).ExecuteDeleteAsync(cancellationToken);
        var saved = new SpreadsheetMapping
        {
            CouncilCode = mapping.CouncilCode,
            Name = mapping.Name,
            Holds = mapping.Holds,
            PersonKeyHeading = mapping.PersonKeyHeading.Trim(),
            PersonKeyIdentifier = mapping.PersonKeyIdentifier,
            Worksheet = string.IsNullOrWhiteSpace(mapping.Worksheet) ? null : mapping.Worksheet.Trim(),
            SavedBy = userName,
            SavedAt = time.GetUtcNow(),
            Columns = [.. mapping.Columns.Select(c => new SpreadsheetColumn { Field = c.Field, Heading = c.Heading.Trim() })],
            Codes = [.. mapping.Codes.Select(c => new SpreadsheetCode { Field = c.Field, Value = c.Value.Trim(), Code = c.Code })],
        };
        db.SpreadsheetMappings.Add(saved);
        db.AuditEvents.Add(new AuditEvent
        {
            At = saved.SavedAt,
            CouncilCode = saved.CouncilCode,
            UserName = userName,
            Role = role,
            Action = "save-spreadsheet-mapping",
            Detail = $"mapping '{saved.Name}' ({SheetFields.Describe(saved.Holds)}){(existing is null ? "" : ", replacing the one saved before")}",
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return [];
    }

    /// <summary>A mapping from the JSON a council writes (see docs/operations.md); throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static SpreadsheetMapping FromJson(string json, string council)
    {
        MappingFile file;
        try
        {
            file = JsonSerializer.Deserialize<MappingFile>(json, JsonOptions) ?? throw new FormatException("The mapping file is empty.");
        }
        catch (JsonException e)
        {
            var why = e.Path == "$.holds"
                ? "'holds' must be one of: " + string.Join(", ", Enum.GetNames<SheetContent>().Select(JsonNamingPolicy.CamelCase.ConvertName))
                : e.Message.Replace(typeof(MappingFile).FullName!.Replace('+', '.'), "mapping", StringComparison.Ordinal)
                    .Replace(typeof(MappingFile).FullName!, "mapping", StringComparison.Ordinal);
            throw new FormatException($"The mapping file is not a mapping: {why}", e);
        }
        return new SpreadsheetMapping
        {
            CouncilCode = council,
            Name = file.Name,
            Holds = file.Holds,
            PersonKeyHeading = file.PersonKey.Heading,
            PersonKeyIdentifier = file.PersonKey.Identifier,
            Worksheet = file.Worksheet,
            Columns = [.. (file.Headings ?? []).Select(h => new SpreadsheetColumn { Field = h.Key, Heading = h.Value })],
            Codes = [.. (file.Values ?? []).SelectMany(f => f.Value.Select(v => new SpreadsheetCode { Field = f.Key, Value = v.Key, Code = v.Value }))],
        };
    }

    public static string ToJson(SpreadsheetMapping mapping)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var file = new MappingFile(
            mapping.Name, mapping.Holds, new PersonKeyFile(mapping.PersonKeyHeading, mapping.PersonKeyIdentifier), mapping.Worksheet,
            mapping.Columns.ToDictionary(c => c.Field, c => c.Heading),
            mapping.Codes.Count == 0 ? null : mapping.Codes.GroupBy(c => c.Field).ToDictionary(g => g.Key, g => g.ToDictionary(c => c.Value, c => c.Code)));
        return JsonSerializer.Serialize(file, JsonOptions);
    }

    /// <summary>
    /// A hash of what the mapping reads and how, after <paramref name="prefix"/> (a file's hash, so that the same bytes
    /// read through a different mapping are a different import). Who saved it and when do not count.
    /// </summary>
    public static string Fingerprint(this SpreadsheetMapping mapping, string prefix)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var text = new StringBuilder().Append(prefix).Append('\n').Append(mapping.Holds).Append('\n').Append(mapping.PersonKeyHeading.Trim())
            .Append('\n').Append(mapping.PersonKeyIdentifier).Append('\n').Append(mapping.Worksheet?.Trim());
        foreach (var column in mapping.Columns.OrderBy(c => c.Field, StringComparer.Ordinal))
            text.Append('\n').Append(column.Field).Append('=').Append(column.Heading.Trim());
        foreach (var code in mapping.Codes.OrderBy(c => c.Field, StringComparer.Ordinal).ThenBy(c => c.Value.Trim(), StringComparer.Ordinal))
            text.Append('\n').Append(code.Field).Append(':').Append(code.Value.Trim()).Append('=').Append(code.Code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private sealed record MappingFile(
        string Name, SheetContent Holds, PersonKeyFile PersonKey, string? Worksheet = null,
        Dictionary<string, string>? Headings = null, Dictionary<string, Dictionary<string, string>>? Values = null);

    private sealed record PersonKeyFile(string Heading, string Identifier);
}
