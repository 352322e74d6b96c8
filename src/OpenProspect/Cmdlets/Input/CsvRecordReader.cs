using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenProspect.Cmdlets.Input;

/// <summary>One record of a CSV file: its fields and the file line it starts on (the header is line 1).</summary>
internal readonly struct CsvRecord
{
    public CsvRecord(string[] fields, long line, string? problem)
    {
        Fields = fields;
        Line = line;
        Problem = problem;
    }

    public string[] Fields { get; }

    /// <summary>The line the record starts on as an editor shows it: 1-based, quoted line breaks counted.</summary>
    public long Line { get; }

    /// <summary>Why the record could not be read as written (an unclosed quote), or null.</summary>
    public string? Problem { get; }
}

/// <summary>
/// A small streaming RFC 4180 reader: quoted fields, doubled quotes and line breaks inside quotes, any of CRLF,
/// LF or CR as the record end. It holds one record at a time, so memory does not grow with the file. It is lenient
/// where Excel exports are (a quote inside an unquoted field is kept as text, blank lines are skipped) and strict
/// only where data would be lost: a quote that is never closed is reported with the line it opened on.
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    /// <summary>The delimiters detection chooses from, in order of preference on a tie.</summary>
    internal static readonly char[] Candidates = { ',', ';', '\t', '|' };

    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (not in netstandard2.0's enum): the per-character loops are compiled
    /// optimised at once instead of running unoptimised until the runtime's tiering catches up, which in a busy
    /// PowerShell process took longer than reading a 100,000-row file. .NET Framework ignores the flag.
    /// </summary>
    internal const MethodImplOptions AggressiveOptimization = (MethodImplOptions)512;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private readonly List<string> _fields = new();
    private int _pos;
    private int _len;
    private long _line = 1;   // the line the next character is on

    public CsvRecordReader(TextReader reader, char delimiter)
    {
        _reader = reader;
        Delimiter = delimiter;
    }

    public char Delimiter { get; }

    /// <summary>
    /// Opens a CSV file: detects its encoding (see <see cref="DetectEncoding"/>) unless given, then its delimiter
    /// from the header line unless given, and reads the header. <paramref name="header"/> is empty for an empty file.
    /// </summary>
    public static CsvRecordReader Open(Stream stream, Encoding? encoding, char? delimiter, out string[] header, out Encoding used)
    {
        used = encoding ?? DetectEncoding(stream);
        stream.Position = 0;
        var text = new StreamReader(stream, used, detectEncodingFromByteOrderMarks: encoding is null, bufferSize: 64 * 1024);
        var first = ReadHeaderText(text, out long lines);
        var chosen = delimiter ?? DetectDelimiter(first);
        using (var headerReader = new CsvRecordReader(new StringReader(first), chosen))
            header = headerReader.TryRead(out var record) ? record.Fields : Array.Empty<string>();
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF') header[0] = header[0].Substring(1);
        return new CsvRecordReader(text, chosen) { _line = 1 + lines };
    }

    /// <summary>
    /// The file's encoding: UTF-8, UTF-16 LE or BE by their byte order marks; without one, UTF-8 when every byte
    /// sequence is valid UTF-8, else Windows-1252 (what Excel writes for "CSV" on western Windows). The check reads
    /// the stream once in blocks, so memory stays constant. The stream must be seekable.
    /// </summary>
    public static Encoding DetectEncoding(Stream stream)
    {
        stream.Position = 0;
        var head = new byte[3];
        int n = stream.Read(head, 0, 3);
        if (n >= 2 && head[0] == 0xFF && head[1] == 0xFE) return new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        if (n >= 2 && head[0] == 0xFE && head[1] == 0xFF) return new UnicodeEncoding(bigEndian: true, byteOrderMark: true);
        if (n == 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF) return new UTF8Encoding(true);

        stream.Position = 0;
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        var block = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = stream.Read(block, 0, block.Length)) > 0) strict.GetCharCount(block, 0, read, flush: false);
            strict.GetCharCount(block, 0, 0, flush: true);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Windows1252();
        }
    }

    /// <summary>
    /// Windows-1252. Windows PowerShell and pwsh have it (pwsh registers the code pages provider at start); another
    /// .NET host may not, so the provider of the shared framework is registered here when the code page is missing.
    /// </summary>
    internal static Encoding Windows1252()
    {
        try
        {
            return Encoding.GetEncoding(1252);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            var provider = Type.GetType("System.Text.CodePagesEncodingProvider, System.Text.Encoding.CodePages", throwOnError: false)
                ?.GetProperty("Instance")?.GetValue(null) as EncodingProvider;
            if (provider is null) return Encoding.GetEncoding("iso-8859-1");   // the same letters, without € and curly quotes
            Encoding.RegisterProvider(provider);
            return Encoding.GetEncoding(1252);
        }
    }

    /// <summary>The candidate that occurs most often outside quotes in the header line; a comma when none does.</summary>
    public static char DetectDelimiter(string headerLine)
    {
        var counts = new int[Candidates.Length];
        bool quoted = false;
        foreach (var c in headerLine)
        {
            if (c == '"') quoted = !quoted;
            else if (!quoted)
            {
                int i = Array.IndexOf(Candidates, c);
                if (i >= 0) counts[i]++;
            }
        }
        int best = 0;
        for (int i = 1; i < counts.Length; i++) if (counts[i] > counts[best]) best = i;
        return Candidates[best];
    }

    /// <summary>The header record's text (up to its line break outside quotes) and how many line breaks it used.</summary>
    private static string ReadHeaderText(TextReader reader, out long lines)
    {
        var text = new StringBuilder();
        bool quoted = false;
        lines = 0;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (c == '"') quoted = !quoted;
            if (!quoted && (c == '\n' || c == '\r'))
            {
                if (c == '\r' && reader.Peek() == '\n') reader.Read();
                if (text.Length == 0) { lines++; continue; }   // blank lines before the header
                lines++;
                break;
            }
            if (c == '\n' || (c == '\r' && reader.Peek() != '\n')) lines++;
            text.Append((char)c);
        }
        return text.ToString();
    }

    /// <summary>Reads the next record, skipping blank lines. False at the end of the input.</summary>
    [MethodImpl(AggressiveOptimization)]
    public bool TryRead(out CsvRecord record)
    {
        while (true)
        {
            int c = Peek();
            if (c < 0) { record = default; return false; }
            if (c == '\r' || c == '\n') { ReadLineBreak(); continue; }
            break;
        }

        long start = _line;
        string? problem = null;
        _fields.Clear();
        while (true)
        {
            _field.Clear();
            int c = Peek();
            if (c == '"')
            {
                Next();
                long opened = _line;
                while (true)
                {
                    c = Next();
                    if (c < 0) { problem = $"a quoted field opened on line {opened} is never closed, so the rest of the file was read as one field"; break; }
                    if (c == '"')
                    {
                        if (Peek() == '"') { Next(); _field.Append('"'); continue; }
                        break;
                    }
                    if (c == '\r' || c == '\n') { CountLineBreak(c); _field.Append((char)c); continue; }
                    _field.Append((char)c);
                }
            }
            // The field up to the delimiter: all of an unquoted one, or text after a closing quote (a"b"c), which is
            // kept as spreadsheet programs keep it.
            _fields.Add(ReadPlainField());

            c = Peek();
            if (c == Delimiter) { Next(); continue; }
            if (c == '\r' || c == '\n') ReadLineBreak();
            break;
        }
        record = new CsvRecord(_fields.ToArray(), start, problem);
        return true;
    }

    /// <summary>
    /// The rest of a field up to the delimiter or line break, after whatever <see cref="_field"/> holds already (the
    /// quoted part of a field, or nothing): found by scanning the buffer rather than character by character, and
    /// copied once (most fields never cross the end of a block).
    /// </summary>
    [MethodImpl(AggressiveOptimization)]
    private string ReadPlainField()
    {
        char delimiter = Delimiter;
        while (true)
        {
            if (_pos == _len && !Fill()) return _field.ToString();
            var buffer = _buffer;
            int start = _pos, end = start, len = _len;
            while (end < len)
            {
                char ch = buffer[end];
                if (ch == delimiter || ch == '\r' || ch == '\n') break;
                end++;
            }
            _pos = end;
            if (end < len)
            {
                if (_field.Length == 0) return new string(buffer, start, end - start);
                return _field.Append(buffer, start, end - start).ToString();
            }
            _field.Append(buffer, start, end - start);   // the field goes on in the next block
        }
    }

    private void ReadLineBreak()
    {
        int c = Next();
        if (c == '\r' && Peek() == '\n') Next();
        _line++;
    }

    /// <summary>Counts a line break inside a quoted field (CRLF once, at its LF).</summary>
    private void CountLineBreak(int c)
    {
        if (c == '\n' || Peek() != '\n') _line++;
    }

    private int Peek()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos];
    }

    private int Next()
    {
        if (_pos == _len && !Fill()) return -1;
        return _buffer[_pos++];
    }

    private bool Fill()
    {
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len > 0;
    }

    public void Dispose() => _reader.Dispose();
}
