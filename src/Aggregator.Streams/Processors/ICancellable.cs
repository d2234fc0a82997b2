namespace Aggregator.Streams.Processors;

/// <summary>Handle to a scheduled punctuator.</summary>
public interface ICancellable
{
    void Cancel();
}
