namespace Tango.Core.Memory;

/// <summary>
/// Float buffers pooled by exact length. Training steps repeat the same shapes, so exact-length buckets
/// give near-perfect reuse; a byte budget bounds what the pool keeps.
/// </summary>
public static class BufferPool
{
    private const long MaxPooledBytes = 2L << 30;
    private static readonly Dictionary<int, Stack<float[]>> Buckets = [];
    private static readonly Lock Gate = new();
    private static long _pooledBytes;

    /// <summary>Bytes currently held by the pool.</summary>
    public static long PooledBytes => Interlocked.Read(ref _pooledBytes);

    /// <summary>A buffer of exactly <paramref name="length"/> floats, zeroed when <paramref name="clear"/>.</summary>
    public static float[] Rent(int length, bool clear)
    {
        if (length == 0)
        {
            return [];
        }

        float[]? buffer = null;
        lock (Gate)
        {
            if (Buckets.TryGetValue(length, out var stack) && stack.Count > 0)
            {
                buffer = stack.Pop();
                _pooledBytes -= 4L * length;
            }
        }

        if (buffer is null)
        {
            return clear ? new float[length] : GC.AllocateUninitializedArray<float>(length);
        }

        if (clear)
        {
            Array.Clear(buffer);
        }

        return buffer;
    }

    /// <summary>Gives a buffer back; it must not be used afterwards.</summary>
    public static void Return(float[] buffer)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        lock (Gate)
        {
            if (_pooledBytes + 4L * buffer.Length > MaxPooledBytes)
            {
                return;
            }

            if (!Buckets.TryGetValue(buffer.Length, out var stack))
            {
                stack = new Stack<float[]>();
                Buckets[buffer.Length] = stack;
            }

            stack.Push(buffer);
            _pooledBytes += 4L * buffer.Length;
        }
    }

    /// <summary>Drops every pooled buffer.</summary>
    public static void Clear()
    {
        lock (Gate)
        {
            Buckets.Clear();
            _pooledBytes = 0;
        }
    }
}
