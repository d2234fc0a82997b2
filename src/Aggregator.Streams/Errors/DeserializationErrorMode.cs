namespace Aggregator.Streams.Errors;

/// <summary>What to do with a record whose key or value cannot be deserialized.</summary>
public enum DeserializationErrorMode
{
    /// <summary>Skip it (and send it to the dead-letter topic if one is configured); count and log it.</summary>
    LogAndContinue,

    /// <summary>Stop the instance: for pipelines where a bad record means something upstream is broken.</summary>
    LogAndFail,
}
