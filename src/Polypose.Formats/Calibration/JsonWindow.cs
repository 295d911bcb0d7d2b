using System.Buffers;
using System.Text.Json;

namespace Polypose.Formats.Calibration;

/// <summary>
/// A forward window over a stream of JSON for <see cref="Utf8JsonReader"/>'s incremental mode: the bytes not yet
/// consumed, in a pooled buffer that starts at 64 KiB and doubles only when one token, or one value asked for whole
/// (<see cref="EnsureValue"/>), does not fit. A byte-order mark at the start of the file is skipped. The reader a
/// caller holds is replaced (by <c>ref</c>) whenever the window moves on; byte offsets (<see cref="Offset"/>) are
/// counted from the start of the file.
/// </summary>
internal sealed class JsonWindow : IDisposable
{
    private readonly Stream stream;
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
    private int start;
    private int end;
    private long bufferOffset;
    private bool ended;
    private JsonReaderState state;

    /// <summary>Reads <paramref name="stream"/> from byte <paramref name="from"/> (the bytes before it are read and dropped); takes ownership of it.</summary>
    public JsonWindow(Stream stream, long from, JsonReaderOptions options)
    {
        this.stream = stream;
        state = new JsonReaderState(options);
        for (var left = from; left > 0;)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(left, buffer.Length));
            if (n == 0)
            {
                break;
            }

            left -= n;
        }

        bufferOffset = from;
        while (end < 3 && !ended)
        {
            Fill();
        }

        if (from == 0 && Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            start = 3;
        }
    }

    /// <summary>The bytes not yet consumed.</summary>
    public ReadOnlySpan<byte> Span => buffer.AsSpan(start, end - start);

    /// <summary>A reader over the bytes not yet consumed, continuing from the last one's state.</summary>
    public Utf8JsonReader Reader() => new(Span, ended, state);

    /// <summary>The next token, moving the window on as needed; false at the end of the input.</summary>
    public bool Read(ref Utf8JsonReader reader)
    {
        while (!reader.Read())
        {
            if (ended)
            {
                return false;
            }

            MoveOn(ref reader);
        }

        return true;
    }

    /// <summary>Skips the current token's value (a property name's value, an object's or array's contents), moving the window on as needed.</summary>
    public void Skip(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            Read(ref reader);
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = reader.CurrentDepth;
            while (Read(ref reader) && reader.CurrentDepth > depth)
            {
            }
        }
    }

    /// <summary>
    /// Makes sure the value after the current token is wholly in the buffer, so that <c>reader.Read()</c> followed by
    /// <see cref="JsonDocument.ParseValue"/> or <c>TrySkip</c> needs no more bytes (at the end of the input: whatever is left).
    /// </summary>
    public void EnsureValue(ref Utf8JsonReader reader)
    {
        while (true)
        {
            var probe = reader;
            if (probe.Read() && (probe.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray) || probe.TrySkip()))
            {
                return;
            }

            if (ended)
            {
                return;
            }

            MoveOn(ref reader);
        }
    }

    /// <summary>The offset in the file of the current token's first byte.</summary>
    public long Offset(ref Utf8JsonReader reader) => bufferOffset + start + reader.TokenStartIndex;

    /// <inheritdoc/>
    public void Dispose()
    {
        stream.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    /// <summary>Drops what the reader consumed, reads more, and gives the caller a reader over the new window.</summary>
    private void MoveOn(ref Utf8JsonReader reader)
    {
        start += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        Fill();
        reader = Reader();
    }

    private void Fill()
    {
        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            bufferOffset += start;
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        var n = stream.Read(buffer, end, buffer.Length - end);
        if (n == 0)
        {
            ended = true;
        }

        end += n;
    }
}
