namespace Remediation.Testing;

/// <summary>The last lines a process printed (stdout and stderr interleaved), kept for failure messages.</summary>
internal sealed class OutputTail(int capacity)
{
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (line is null)
            return;

        lock (_gate)
        {
            if (_lines.Count == capacity)
                _lines.Dequeue();
            _lines.Enqueue(line);
        }
    }

    public override string ToString()
    {
        lock (_gate)
            return string.Join('\n', _lines);
    }
}
