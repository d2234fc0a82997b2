namespace Aggregator.Streams.Errors;

/// <summary>A failure the runtime cannot recover from by itself; the instance stops with this as the reason.</summary>
public class StreamsException : Exception
{
    public StreamsException(string message)
        : base(message)
    {
    }

    public StreamsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StreamsException()
    {
    }
}
