namespace Remediation.Testing.Kubernetes;

/// <summary>The faults a test has asked for, consumed in order by matching requests; and barriers that hold requests back.</summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(Fault Fault, int Remaining)> _faults = [];
    private readonly List<Barrier> _barriers = [];

    public void Add(Fault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
            _faults.Add((fault, fault.Times));
    }

    /// <summary>
    /// Holds the next <paramref name="count"/> requests that match until all of them have arrived, then lets them go on
    /// together: two executors' patches then reach the API with the same resourceVersion, and the precondition decides.
    /// </summary>
    public void HoldUntilConcurrent(string method, string pathContains, int count)
    {
        lock (_gate)
            _barriers.Add(new Barrier(method, pathContains, count));
    }

    public void Clear()
    {
        lock (_gate)
        {
            _faults.Clear();
            foreach (var barrier in _barriers)
                barrier.Released.TrySetResult();
            _barriers.Clear();
        }
    }

    internal Fault? Take(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if ((fault.Method is null || string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                    path.Contains(fault.PathContains, StringComparison.Ordinal))
                {
                    if (remaining <= 1)
                        _faults.RemoveAt(i);
                    else
                        _faults[i] = (fault, remaining - 1);
                    return fault;
                }
            }

            return null;
        }
    }

    internal Task WaitAtBarrierAsync(string method, string path, CancellationToken cancellationToken)
    {
        Barrier? barrier;
        lock (_gate)
        {
            barrier = _barriers.FirstOrDefault(b => string.Equals(b.Method, method, StringComparison.OrdinalIgnoreCase) &&
                                                   path.Contains(b.PathContains, StringComparison.Ordinal) && b.Arrived < b.Count);
            if (barrier is null)
                return Task.CompletedTask;
            barrier.Arrived++;
            if (barrier.Arrived == barrier.Count)
            {
                _barriers.Remove(barrier);
                barrier.Released.TrySetResult();
            }
        }

        return barrier.Released.Task.WaitAsync(cancellationToken);
    }

    private sealed class Barrier(string method, string pathContains, int count)
    {
        public string Method { get; } = method;

        public string PathContains { get; } = pathContains;

        public int Count { get; } = count;

        public int Arrived { get; set; }

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
