using Aggregator.Streams.Processors;
using Aggregator.Streams.State;
using Confluent.Kafka;

namespace Aggregator.Streams.Runtime.Nodes;

/// <summary>Hosts a user or DSL <see cref="IProcessor{TKeyIn,TValueIn,TKeyOut,TValueOut}"/> and is its context.</summary>
internal sealed class ProcessorNodeImpl<TKeyIn, TValueIn, TKeyOut, TValueOut>(
    string name,
    IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut> processor)
    : ForwardingNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(name), IProcessorContext<TKeyOut, TValueOut>, IInternalProcessorContext
{
    private TaskContext _task = null!;

    public TaskContext Task => _task;

    public string ApplicationId => _task.ApplicationId;

    public TaskId TaskId => _task.TaskId;

    public RecordMetadata? RecordMetadata => _task.RecordMetadata;

    public Headers Headers => _task.CurrentHeaders;

    public long StreamTime => _task.StreamTime;

    public long WallClockTime => _task.WallClockMs;

    public int UpstreamTaskCount(string repartitionName) => _task.UpstreamTaskCount(repartitionName);

    public override void Init(TaskContext context)
    {
        _task = context;
        processor.Init(this);
    }

    public override void Process(Record<TKeyIn, TValueIn> record) => processor.Process(record);

    public override void Close() => processor.Close();

    public override void BeforeCommit() => (processor as ICommitListener)?.OnCommit();

    public void Forward(Record<TKeyOut, TValueOut> record) => ForwardToChildren(record);

    public void Forward(Record<TKeyOut, TValueOut> record, string childName) => ForwardToChild(record, childName);

    public TStore GetStateStore<TStore>(string name) where TStore : class, IStateStore => _task.GetStore<TStore>(name);

    public ICancellable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator) =>
        _task.Punctuation.Schedule(interval, type, punctuator, _task.WallClockMs);

    public void RequestCommit() => _task.CommitRequested = true;
}
