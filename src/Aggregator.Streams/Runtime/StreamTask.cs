using Aggregator.Streams.Errors;
using Aggregator.Streams.Processors;
using Aggregator.Streams.Runtime.Nodes;
using Aggregator.Streams.State.Internal;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime;

/// <summary>
/// One partition of one sub-topology: its own processor instances, stores and position in each source
/// partition. Used by the stream threads and, unchanged, by the topology test driver.
/// </summary>
internal sealed class StreamTask : IDisposable
{
    private readonly Dictionary<string, (SourceNode Node, bool IsRepartition, uint TopicHash)> _sources = new(StringComparer.Ordinal);
    private readonly List<ProcessorNode> _nodes;
    private readonly Dictionary<(string Topic, int Partition), long> _positions = [];
    private readonly Dictionary<(uint TopicHash, int Partition), (long Offset, int Sequence)> _upstreamMarks = [];
    private bool _initialized;
    private long _initializedAtMs;

    public StreamTask(TaskId id, Topology.Subtopology subtopology, TaskContext context, TaskStateManager state, IReadOnlyDictionary<string, (int Subtopology, int Tasks)> upstreamWriters)
    {
        Id = id;
        Context = context;
        State = state;
        var nodes = subtopology.Nodes.ToDictionary(n => n, n => n.Create());
        foreach (var (definition, node) in nodes)
        {
            foreach (var child in definition.Children)
            {
                node.AddChild(nodes[child]);
            }

            if (definition is Topology.SourceDefinition source)
            {
                foreach (var topic in source.Topics)
                {
                    var resolved = source.IsRepartition ? InternalTopicNames.Resolve(context.ApplicationId, topic) : topic;
                    _sources[resolved] = ((SourceNode)node, source.IsRepartition, UpstreamMarkHeader.TopicHash(resolved));
                }
            }
        }

        _nodes = subtopology.Nodes.Select(n => nodes[n]).ToList();
        _upstreamWriters = upstreamWriters;
        State.OpenStores(context);
    }

    private readonly IReadOnlyDictionary<string, (int Subtopology, int Tasks)> _upstreamWriters;

    public TaskId Id { get; }

    public TaskContext Context { get; }

    public TaskStateManager State { get; }

    /// <summary>Source topics (resolved names) of this task.</summary>
    public IEnumerable<string> SourceTopics => _sources.Keys;

    /// <summary>True when records were processed since the last commit.</summary>
    public bool HasUncommittedWork { get; private set; }

    public bool IsInitialized => _initialized;

    /// <summary>Starts processing from <paramref name="checkpoint"/>: stream time, positions, upstream marks; inits processors.</summary>
    public void Initialize(TaskCheckpoint checkpoint)
    {
        var now = Context.CoarseNowMs;
        foreach (var (topic, source) in _sources)
        {
            if (!source.IsRepartition)
            {
                Context.Watermarks.ExpectPartition(topic, Id.Partition, now);
            }
            else if (_upstreamWriters.TryGetValue(topic, out var writer))
            {
                for (var partition = 0; partition < writer.Tasks; partition++)
                {
                    Context.Watermarks.ExpectUpstream(writer.Subtopology, partition, now);
                }
            }
        }

        Context.Watermarks.Restore(
            checkpoint.StreamTime,
            checkpoint.PartitionTimes.Select(p => (p.Topic, p.Partition, p.Time)),
            checkpoint.UpstreamWatermarks.Select(u => (u.Subtopology, u.Partition, u.Watermark)),
            now);
        _positions.Clear();
        foreach (var position in checkpoint.Positions)
        {
            _positions[(position.Topic, position.Partition)] = position.NextOffset;
        }

        _upstreamMarks.Clear();
        foreach (var mark in checkpoint.UpstreamMarks)
        {
            _upstreamMarks[(mark.SourceTopicHash, mark.SourcePartition)] = (mark.Offset, mark.Sequence);
        }

        _initializedAtMs = now;
        if (!_initialized)
        {
            // Processors initialise after restore: they may read their stores in Init (suppression rebuilds its index).
            foreach (var node in _nodes)
            {
                node.Init(Context);
            }

            _initialized = true;
        }

        HasUncommittedWork = false;

        // Announce this task to its readers at once, so they know it is alive before it has data for them.
        SendHeartbeats();
    }

    /// <summary>The offset to resume each source partition from, when the checkpoint knows it.</summary>
    public IReadOnlyDictionary<(string Topic, int Partition), long> Positions => _positions;

    /// <summary>Processes one consumed record through the task's graph.</summary>
    public void Process(in RawRecord record)
    {
        if (!_sources.TryGetValue(record.Topic, out var source))
        {
            throw new StreamsException($"Task {Id} received a record of '{record.Topic}', which is not one of its sources.");
        }

        _positions[(record.Topic, record.Partition)] = record.Offset + 1;
        HasUncommittedWork = true;
        if (source.IsRepartition)
        {
            if (WatermarkHeader.TryDecode(record.Headers, out var writer, out var writerPartition, out var watermark, out var empty, out var heartbeat))
            {
                Context.Watermarks.ObserveUpstream(writer, writerPartition, watermark, empty, Context.CoarseNowMs);
                if (heartbeat)
                {
                    PunctuateStreamTime();
                    return;
                }
            }

            if (IsReplay(record))
            {
                Context.Metrics.RecordReplaySkipped();
                return;
            }
        }

        Context.CurrentIsRepartition = source.IsRepartition;
        Context.SetCurrentRecord(record.Topic, source.TopicHash, record.Partition, record.Offset, record.Headers);
        try
        {
            source.Node.ProcessRaw(record);
        }
        catch (StreamsException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new StreamsException(
                $"Task {Id} failed processing {record.Topic}-{record.Partition}@{record.Offset}: {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            Context.ClearCurrentRecord();
        }

        Context.Metrics.RecordProcessed();
        PunctuateStreamTime();
    }

    /// <summary>
    /// Tells every reader of this task's repartition topics how far it has progressed (each commit). A task that
    /// has read all its input (<paramref name="inputsCaughtUp"/>) for the idle timeout without sending anything
    /// says it is empty, so readers stop waiting for it; one with unread input never does.
    /// </summary>
    public void SendHeartbeats(bool inputsCaughtUp = false)
    {
        if (!_initialized || Context.RepartitionTargets.Count == 0)
        {
            return;
        }

        var empty = Context.SentWatermark < 0 && inputsCaughtUp && Context.CoarseNowMs - _initializedAtMs >= Context.IdleTimeoutMs;
        var header = WatermarkHeader.Encode(Id.Subtopology, Id.Partition, Context.AnnouncedWatermark, empty, heartbeat: true);
        var headers = new Headers { { WatermarkHeader.Name, header } };
        var timestamp = Math.Max(Context.AnnouncedWatermark, 0);
        foreach (var (topic, partitions) in Context.RepartitionTargets)
        {
            for (var partition = 0; partition < partitions; partition++)
            {
                Context.Collector.Send(topic, partition, null, null, headers, timestamp);
            }
        }
    }

    /// <summary>Fires stream-time punctuators that are due (also after the watermark moved without a record).</summary>
    public void PunctuateStreamTime()
    {
        try
        {
            Context.Punctuation.PunctuateStreamTime(Context.StreamTime);
        }
        catch (Exception ex) when (ex is not StreamsException and not OperationCanceledException)
        {
            throw new StreamsException($"Task {Id} failed in a stream-time punctuator: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <summary>Fires due wall-clock punctuators.</summary>
    public void PunctuateWallClock(long nowMs)
    {
        try
        {
            Context.Punctuation.PunctuateWallClock(nowMs);
        }
        catch (Exception ex) when (ex is not StreamsException and not OperationCanceledException)
        {
            throw new StreamsException($"Task {Id} failed in a wall-clock punctuator: {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The checkpoint describing the current (uncommitted) position of this task.</summary>
    public TaskCheckpoint CurrentCheckpoint() => new()
    {
        Seq = State.Committed.Seq,
        StreamTime = Context.StreamTime,
        PartitionTimes = Context.Watermarks.PartitionTimes.Select(p => new PartitionTime(p.Key.Topic, p.Key.Partition, p.Value)).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList(),
        UpstreamWatermarks = Context.Watermarks.UpstreamWatermarks.Select(u => new UpstreamWatermark(u.Key.Subtopology, u.Key.Partition, u.Value)).OrderBy(u => u.Subtopology).ThenBy(u => u.Partition).ToList(),
        Positions = _positions.Select(p => new SourcePosition(p.Key.Topic, p.Key.Partition, p.Value)).OrderBy(p => p.Topic, StringComparer.Ordinal).ThenBy(p => p.Partition).ToList(),
        UpstreamMarks = _upstreamMarks.Select(m => new UpstreamMark(m.Key.TopicHash, m.Key.Partition, m.Value.Offset, m.Value.Sequence))
            .OrderBy(m => m.SourceTopicHash).ThenBy(m => m.SourcePartition).ToList(),
        ChangelogOffsets = State.Committed.ChangelogOffsets,
    };

    /// <summary>Offsets to commit to the consumer group (the next offset to read per source partition).</summary>
    public IEnumerable<TopicPartitionOffset> CommittableOffsets() =>
        _positions.Select(p => new TopicPartitionOffset(p.Key.Topic, p.Key.Partition, p.Value));

    public void MarkCommitted() => HasUncommittedWork = false;

    /// <summary>Lets processors fold in-memory aggregates into stores before the commit (topological order).</summary>
    public void BeforeCommit()
    {
        try
        {
            foreach (var node in _nodes)
            {
                node.BeforeCommit();
            }
        }
        catch (Exception ex) when (ex is not StreamsException and not OperationCanceledException)
        {
            throw new StreamsException($"Task {Id} failed before a commit: {ex.GetType().Name}: {ex.Message}", ex);
        }
        finally
        {
            Context.ClearCurrentRecord();
        }
    }

    public void Dispose()
    {
        if (_initialized)
        {
            foreach (var node in _nodes)
            {
                node.Close();
            }
        }

        State.Dispose();
    }

    private bool IsReplay(in RawRecord record)
    {
        if (!UpstreamMarkHeader.TryDecode(record.Headers, out var topicHash, out var partition, out var offset, out var sequence))
        {
            return false;
        }

        var key = (topicHash, partition);
        if (_upstreamMarks.TryGetValue(key, out var mark) &&
            (offset < mark.Offset || (offset == mark.Offset && sequence <= mark.Sequence)))
        {
            return true;
        }

        _upstreamMarks[key] = (offset, sequence);
        return false;
    }

    public override string ToString() => $"task {Id}";
}
