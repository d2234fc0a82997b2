namespace Aggregator.Demo;

/// <summary>How a deliberately invalid record breaks the raw event contract.</summary>
internal enum MalformedKind
{
    None = 0,

    /// <summary>Not JSON at all: form-encoded text, truncated JSON, invalid UTF-8, an empty value, XML.</summary>
    NotJson,

    /// <summary>Valid JSON, but an array of events instead of one object.</summary>
    JsonArray,

    /// <summary>An object without <c>type</c>.</summary>
    MissingType,

    /// <summary>An object without <c>userId</c> and without <c>anonymousId</c>.</summary>
    MissingUser,

    /// <summary>A <c>timestamp</c> that is not a date (or not a possible one).</summary>
    BadTimestamp,

    /// <summary>A required or optional field of the wrong JSON type (<c>"type": 3</c>, <c>"properties": "x"</c>...).</summary>
    WrongFieldType,

    /// <summary>A well-formed timestamp in 1970: a client whose clock was never set, or epoch seconds sent as millis.</summary>
    Epoch1970,
}
