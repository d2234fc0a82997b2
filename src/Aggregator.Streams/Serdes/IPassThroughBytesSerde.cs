namespace Aggregator.Streams.Serdes;

/// <summary>Marks the byte-array serde so sources can hand consumed arrays over without a copy.</summary>
internal interface IPassThroughBytesSerde;
