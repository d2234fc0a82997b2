using System.Text.Json;
using Aggregator.Slack.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aggregator.Slack.Sinks;

/// <summary>
/// Appends each message as one JSON line (<c>{"id","kind","text","blocks","written_at"}</c>, readable back with
/// <see cref="SlackMessageJson.FromJson"/>) to <see cref="SlackOptions.FileSink"/>, creating its directory.
/// Appends are serialized in-process by a gate and each line is a single append-mode write, so concurrent
/// senders never interleave lines.
/// </summary>
internal sealed class SlackFileSink(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackFileSink> logger)
    : ISlackSender, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<SlackDeliveryResult> SendAsync(SlackMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = options.Value.FileSink;
        if (string.IsNullOrWhiteSpace(path))
        {
            return SlackDeliveryResult.PermanentFailure($"No {nameof(SlackOptions.FileSink)} is configured.");
        }

        var record = WireMapper.ToRecord(message, time.GetUtcNow());
        var line = JsonSerializer.SerializeToUtf8Bytes(record, SlackJsonContext.Relaxed.MessageRecord);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var fullPath = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
            await using var stream = new FileStream(
                fullPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0, useAsync: true);

            // Not cancellable once started: a cancelled write could leave half a line that breaks every reader.
            await stream.WriteAsync(Terminated(line), CancellationToken.None);
            Log.MessageWritten(logger, message.Kind, message.Id, fullPath);
            return SlackDeliveryResult.Delivered;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return SlackDeliveryResult.TransientFailure($"Could not append to {path}: {ex.Message}");
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static byte[] Terminated(byte[] line)
    {
        var buffer = new byte[line.Length + 1];
        line.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        return buffer;
    }
}
