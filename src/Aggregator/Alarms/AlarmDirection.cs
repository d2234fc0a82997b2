namespace Aggregator.Alarms;

/// <summary>Which threshold a window breached.</summary>
internal enum AlarmDirection
{
    /// <summary>The count exceeded <c>Above</c>.</summary>
    Above,

    /// <summary>The closed window's count stayed under <c>Below</c>.</summary>
    Below,
}
