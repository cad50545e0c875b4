using System.Diagnostics;
using Waypoint.Core.Ingest;

namespace Waypoint.Web.Tests;

/// <summary>
/// The system clock, except that it can hold the importer where it asks the time for the second time: by then it has
/// written and linked every record inside its transaction, and is about to record the batch and commit
/// (Importer.ImportInTransactionAsync). A test cancels the import there, as far through as an import gets.
/// </summary>
public sealed class HoldingClock : TimeProvider
{
    private int _importerCalls;
    private TaskCompletionSource? _held;
    private TaskCompletionSource? _release;

    /// <summary>Holds the next import; the task completes when it is held.</summary>
    public Task HoldNextImportAsync()
    {
        _importerCalls = 0;
        _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return _held.Task;
    }

    public void Release()
    {
        _release?.TrySetResult();
        _release = null;
    }

    public override DateTimeOffset GetUtcNow()
    {
        if (_release is { } release && CalledByImporter() && Interlocked.Increment(ref _importerCalls) == 2)
        {
            _held!.TrySetResult();
            release.Task.Wait(TimeSpan.FromMinutes(1));
        }
        return base.GetUtcNow();
    }

    private static bool CalledByImporter() =>
        new StackTrace().GetFrames().Any(f => f.GetMethod()?.DeclaringType is { } type && (type == typeof(Importer) || type.DeclaringType == typeof(Importer)));
}
