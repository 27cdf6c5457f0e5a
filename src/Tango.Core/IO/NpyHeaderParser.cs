using System.Globalization;

namespace Tango.Core.IO;

/// <summary>
/// Parses the Python dict literal of a <c>.npy</c> header: exactly the keys <c>descr</c> (a type string),
/// <c>fortran_order</c> (<c>True</c>/<c>False</c>) and <c>shape</c> (a tuple of non-negative integers), in any
/// order, with optional trailing commas — the subset of Python literals numpy writes.
/// </summary>
internal sealed class NpyHeaderParser
{
    private readonly string _text;
    private readonly string _path;
    private int _at;

    private NpyHeaderParser(string text, string path)
    {
        _text = text;
        _path = path;
    }

    internal readonly record struct Fields(NpyDType DType, bool BigEndian, bool FortranOrder, int[] Shape);

    public static Fields Parse(string text, string path) => new NpyHeaderParser(text, path).ParseDict();

    private Fields ParseDict()
    {
        Expect('{');
        string? descr = null;
        bool? fortran = null;
        int[]? shape = null;
        while (!TryTake('}'))
        {
            string key = ParseString();
            Expect(':');
            switch (key)
            {
                case "descr" when descr is null:
                    descr = Peek() == '\'' || Peek() == '"' ? ParseString() : throw Fail(
                        "unsupported dtype: 'descr' is not a simple type string (structured arrays are not " +
                        "supported).");
                    break;
                case "fortran_order" when fortran is null:
                    fortran = ParseBool();
                    break;
                case "shape" when shape is null:
                    shape = ParseShape();
                    break;
                default:
                    throw Fail($"malformed header: unexpected or repeated key '{key}'.");
            }

            if (!TryTake(','))
            {
                Expect('}');
                break;
            }
        }

        if (descr is null || fortran is null || shape is null)
        {
            throw Fail("malformed header: it must hold the keys 'descr', 'fortran_order' and 'shape'.");
        }

        var (dType, bigEndian) = ParseDescr(descr);
        return new Fields(dType, bigEndian, fortran.Value, shape);
    }

    private (NpyDType DType, bool BigEndian) ParseDescr(string descr)
    {
        char order = descr.Length > 0 ? descr[0] : '?';
        string code = order is '<' or '>' or '=' or '|' ? descr[1..] : descr;
        bool bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        NpyDType? dType = code switch
        {
            "f4" => NpyDType.Float32,
            "f8" => NpyDType.Float64,
            "i4" => NpyDType.Int32,
            "i8" => NpyDType.Int64,
            "u1" => NpyDType.UInt8,
            _ => null,
        };
        if (dType is null)
        {
            throw Fail($"unsupported dtype '{descr}' (Tango reads float32 '<f4', float64 '<f8', int32 '<i4', " +
                       "int64 '<i8' and uint8 '|u1').");
        }

        return (dType.Value, bigEndian && dType != NpyDType.UInt8);
    }

    private int[] ParseShape()
    {
        char close = Peek() == '[' ? ']' : ')';
        Expect(close == ']' ? '[' : '(');
        var dims = new List<int>();
        while (!TryTake(close))
        {
            SkipSpace();
            int start = _at;
            while (_at < _text.Length && char.IsAsciiDigit(_text[_at]))
            {
                _at++;
            }

            if (!long.TryParse(_text.AsSpan(start, _at - start), NumberStyles.None, CultureInfo.InvariantCulture,
                    out long n) || n > int.MaxValue)
            {
                throw Fail($"malformed shape: '{_text[start..Math.Min(_text.Length, _at + 1)]}' is not an extent " +
                           $"between 0 and {int.MaxValue}.");
            }

            dims.Add((int)n);
            if (!TryTake(','))
            {
                Expect(close);
                break;
            }
        }

        return [.. dims];
    }

    private bool ParseBool()
    {
        SkipSpace();
        foreach (var (word, value) in new[] { ("True", true), ("False", false) })
        {
            if (string.CompareOrdinal(_text, _at, word, 0, word.Length) == 0)
            {
                _at += word.Length;
                return value;
            }
        }

        throw Fail("malformed header: 'fortran_order' must be True or False.");
    }

    private string ParseString()
    {
        SkipSpace();
        char quote = Peek();
        if (quote is not ('\'' or '"'))
        {
            throw Fail($"malformed header: expected a quoted string at position {_at}.");
        }

        int end = _text.IndexOf(quote, _at + 1);
        if (end < 0)
        {
            throw Fail("malformed header: unterminated string.");
        }

        string s = _text[(_at + 1)..end];
        _at = end + 1;
        return s;
    }

    private void Expect(char c)
    {
        if (!TryTake(c))
        {
            string found = _at < _text.Length ? $"'{_text[_at]}'" : "the end";
            throw Fail($"malformed header: expected '{c}' at position {_at}, found {found}.");
        }
    }

    private bool TryTake(char c)
    {
        SkipSpace();
        if (_at < _text.Length && _text[_at] == c)
        {
            _at++;
            return true;
        }

        return false;
    }

    private char Peek()
    {
        SkipSpace();
        return _at < _text.Length ? _text[_at] : '\0';
    }

    private void SkipSpace()
    {
        while (_at < _text.Length && char.IsWhiteSpace(_text[_at]))
        {
            _at++;
        }
    }

    private NpyFormatException Fail(string problem) => new(_path, problem);
}
