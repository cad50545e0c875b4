using System.Buffers;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Waypoint.Core.Ingest;

namespace Waypoint.Web.Pages.Imports;

/// <summary>
/// The upload form, read as it arrives rather than buffered first by the framework: each file is streamed into the
/// upload's own folder under its own name (source keys and data quality messages carry the file name, and 903
/// tables are told apart by it), never held in memory, and reading stops as soon as the upload passes its limit.
/// </summary>
internal sealed class UploadForm
{
    public const string FilesField = "files";
    public const string SpreadsheetField = "spreadsheet";
    public const string MappingField = "mapping";
    public const int MostFiles = 100;
    private const int LongestValue = 1000;
    private const int LongestName = 150;

    // Characters no file system takes, or that mean something to a shell; control characters go too.
    private static readonly SearchValues<char> NotInNames = SearchValues.Create("/\\:*?\"<>|");

    public List<UploadedFile> Files { get; } = [];
    public UploadedFile? Spreadsheet { get; private set; }
    public string? Mapping { get; private set; }

    /// <summary>Problems with what was sent, by the field they belong to, in GOV.UK wording.</summary>
    public List<(string Field, string Message)> Errors { get; } = [];

    /// <summary>The upload passed the limit: reading stopped there, and the page says how much is allowed.</summary>
    public bool TooLarge { get; private set; }

    /// <summary>
    /// Reads the form into <paramref name="folder"/>. The antiforgery token must come first (the page puts it there), so
    /// a forged request is refused before any file is written: the framework's own check would read, and buffer, the
    /// whole body first. Returns null when the request is not a multipart form at all.
    /// </summary>
    public static async Task<UploadForm?> ReadAsync(HttpContext context, string folder, long limit, IAntiforgery antiforgery, AntiforgeryOptions antiforgeryOptions)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(antiforgeryOptions);
        var cancellationToken = context.RequestAborted;
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 70 } boundary)
        {
            return null;
        }
        var reader = new MultipartReader(boundary, context.Request.Body);
        var first = await reader.ReadNextSectionAsync(cancellationToken);
        if (first is null || Field(first) != (antiforgeryOptions.FormFieldName, false)) throw new AntiforgeryValidationException("The antiforgery token is not the form's first field.");
        // The antiforgery store reads a token from this header before it would read the form.
        context.Request.Headers[antiforgeryOptions.HeaderName!] = await ValueAsync(first, cancellationToken);
        await antiforgery.ValidateRequestAsync(context);

        var form = new UploadForm();
        var room = limit;
        var sections = 0;
        for (var section = await reader.ReadNextSectionAsync(cancellationToken); section is not null; section = await reader.ReadNextSectionAsync(cancellationToken))
        {
            var (field, isFile) = Field(section);
            if (!isFile)
            {
                if (field == MappingField && (await ValueAsync(section, cancellationToken)).Trim() is { Length: > 0 } mapping) form.Mapping = mapping;
                continue;
            }
            var given = FileNameOf(section);
            // A file input left empty still sends a part, with no name and nothing in it.
            if (string.IsNullOrEmpty(given))
            {
                if (await CopyAsync(section.Body, Stream.Null, room, cancellationToken) is not { } nothing) return form.Refuse();
                room -= nothing;
                continue;
            }
            var name = FileName(given);
            var problem = ++sections > MostFiles ? $"Select up to {MostFiles} files"
                : form.Kind(field, name) is { } wrongType ? wrongType
                : File.Exists(Path.Combine(folder, name)) ? $"Each file must have a different name: there is more than one {name}"
                : null;
            if (problem is not null)
            {
                form.Errors.Add((field == SpreadsheetField ? SpreadsheetField : FilesField, problem));
                if (await CopyAsync(section.Body, Stream.Null, room, cancellationToken) is not { } skipped) return form.Refuse();
                room -= skipped;
                continue;
            }
            var path = Path.Combine(folder, name);
            long? bytes;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                bytes = await CopyAsync(section.Body, target, room, cancellationToken);
            if (bytes is not { } written) return form.Refuse();
            room -= written;
            if (written == 0)
            {
                File.Delete(path);
                form.Errors.Add((field == SpreadsheetField ? SpreadsheetField : FilesField, $"{name} is empty"));
            }
            else if (field == SpreadsheetField) form.Spreadsheet = new UploadedFile(name, written);
            else form.Files.Add(new UploadedFile(name, written));
        }
        return form;
    }

    /// <summary>The file name without any folder (some browsers send the whole path) or characters a file name cannot safely hold.</summary>
    internal static string FileName(string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var name = given[(given.LastIndexOfAny(['/', '\\']) + 1)..];
        name = string.Concat(name.Where(c => !char.IsControl(c) && !NotInNames.Contains(c))).Trim();
        // No hidden files, and never "." or "..".
        name = name.TrimStart('.').Trim();
        if (name.Length > LongestName)
        {
            var extension = Path.GetExtension(name);
            name = name[..(LongestName - extension.Length)] + extension;
        }
        return name.Length == 0 ? "file" : name;
    }

    /// <summary>Null when the file can be read from that field, otherwise why not.</summary>
    private string? Kind(string field, string name)
    {
        var extension = Path.GetExtension(name).ToUpperInvariant();
        if (field == SpreadsheetField)
        {
            if (extension is not (".CSV" or ".XLSX")) return $"{name} must be a CSV or Excel (.xlsx) file";
            return Spreadsheet is null ? null : "Select one council spreadsheet at a time";
        }
        return extension switch
        {
            ".CSV" or ".XML" => null,
            ".XLSX" => $"{name} is a spreadsheet: upload it as the council spreadsheet, with its mapping",
            _ => $"{name} must be a CSV or XML file",
        };
    }

    private UploadForm Refuse()
    {
        TooLarge = true;
        return this;
    }

    private static (string Name, bool IsFile) Field(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            ? (HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "", disposition.IsFileDisposition())
            : ("", false);

    private static string? FileNameOf(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value
            : null;

    /// <summary>A form field's value; anything past a thousand characters is not one this form sends, and is dropped.</summary>
    private static async Task<string> ValueAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(section.Body, leaveOpen: true);
        var buffer = new char[LongestValue];
        var read = await reader.ReadBlockAsync(buffer, cancellationToken);
        return new string(buffer, 0, read);
    }

    /// <summary>Copies at most <paramref name="room"/> bytes; null when there is more than that.</summary>
    private static async Task<long?> CopyAsync(Stream source, Stream target, long room, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > room) return null;
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
