namespace Braid.Interop;

/// <summary>
/// Passes text through to a CSV parser but refuses a line longer than <see cref="MaxChars"/> as it
/// arrives: a parser holds a whole record, so one 50 MB line once took 1.6 GB. The inner reader
/// is left open.
/// </summary>
public sealed class LineLengthLimit(TextReader inner) : TextReader
{
    /// <summary>The longest line read: far beyond any row of a directory, a people file or an outcome table.</summary>
    public const int MaxChars = 1 << 20;

    private int _sinceNewline;
    private int _line = 1;

    public override int Peek() => inner.Peek();

    public override int Read()
    {
        var c = inner.Read();
        if (c >= 0) Count((char)c);
        return c;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var read = inner.Read(buffer);
        foreach (var c in buffer[..read]) Count(c);
        return read;
    }

    private void Count(char c)
    {
        if (c == '\n')
        {
            _sinceNewline = 0;
            _line++;
        }
        else if (++_sinceNewline > MaxChars)
        {
            throw new LineTooLongException(_line);
        }
    }
}

/// <summary>A line longer than <see cref="LineLengthLimit.MaxChars"/>.</summary>
public sealed class LineTooLongException(int line) : Exception($"Line {line} is longer than {LineLengthLimit.MaxChars:N0} characters.")
{
    public int Line { get; } = line;
}
