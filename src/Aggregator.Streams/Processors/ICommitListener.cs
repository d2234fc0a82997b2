namespace Aggregator.Streams.Processors;

/// <summary>
/// A processor that keeps aggregates in memory between commits (e.g. a report accumulator too costly to write to a
/// store per record) implements this to fold them into its stores — and forward what should go out — right before
/// each commit, on the task's thread. Everything it writes or forwards then is part of that commit's batch, so the
/// committed state still reflects exactly the records processed so far.
/// </summary>
public interface ICommitListener
{
    void OnCommit();
}
