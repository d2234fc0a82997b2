namespace Aggregator.Cli;

/// <summary>Process exit codes (documented in the README).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The instance stopped on an unrecoverable runtime error.</summary>
    public const int Failed = 1;

    /// <summary>Bad configuration or an environment that does not fit it (unreachable brokers, missing topics).</summary>
    public const int BadConfiguration = 2;
}
