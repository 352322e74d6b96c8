using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using OpenProspect.Cmdlets.Input;
using Xunit;

namespace OpenProspect.UnitTests;

/// <summary>The CSV reader behind -Path: RFC 4180 quoting, file line numbers, delimiter and encoding detection.</summary>
public sealed class CsvRecordReaderTests
{
    private static (string[] Header, List<CsvRecord> Rows, char Delimiter, Encoding Encoding) Read(byte[] bytes, char? delimiter = null, Encoding? encoding = null)
    {
        using var stream = new MemoryStream(bytes);
        using var reader = CsvRecordReader.Open(stream, encoding, delimiter, out var header, out var used);
        var rows = new List<CsvRecord>();
        while (reader.TryRead(out var r)) rows.Add(r);
        return (header, rows, reader.Delimiter, used);
    }

    private static (string[] Header, List<CsvRecord> Rows, char Delimiter, Encoding Encoding) Read(string text) =>
        Read(new UTF8Encoding(false).GetBytes(text));

    [Fact]
    public void Quoted_fields_keep_delimiters_doubled_quotes_and_line_breaks()
    {
        var (header, rows, _, _) = Read("Name,Note\r\n\"Acme, Inc.\",\"say \"\"hi\"\"\r\nsecond line\"\r\nPlain,x\r\n");
        Assert.Equal(new[] { "Name", "Note" }, header);
        Assert.Equal(2, rows.Count);
        Assert.Equal(new[] { "Acme, Inc.", "say \"hi\"\r\nsecond line" }, rows[0].Fields);
        Assert.Equal(new[] { "Plain", "x" }, rows[1].Fields);
    }

    [Fact]
    public void Rows_carry_the_line_they_start_on_counting_the_header_as_one_and_quoted_breaks()
    {
        var (_, rows, _, _) = Read("A,B\n\"1\n2\n3\",x\n\nlast,y");
        Assert.Equal(new long[] { 2, 6 }, rows.Select(r => r.Line));
        Assert.Equal(new[] { "last", "y" }, rows[1].Fields);
    }

    [Fact]
    public void Cr_only_line_ends_count_as_lines()
    {
        var (_, rows, _, _) = Read("A\rone\rtwo\r");
        Assert.Equal(new long[] { 2, 3 }, rows.Select(r => r.Line));
    }

    [Fact]
    public void Empty_trailing_fields_are_kept()
    {
        var (_, rows, _, _) = Read("A;B;C\n1;;\n");
        Assert.Equal(new[] { "1", "", "" }, rows[0].Fields);
    }

    [Fact]
    public void An_unclosed_quote_is_a_problem_naming_its_line()
    {
        var (_, rows, _, _) = Read("A,B\nok,1\n\"open,2\nmore,3\n");
        Assert.Equal(2, rows.Count);
        Assert.Null(rows[0].Problem);
        Assert.Contains("opened on line 3", rows[1].Problem);
    }

    [Theory]
    [InlineData("Name,Website,City", ',')]
    [InlineData("Name;Website;City", ';')]
    [InlineData("Name\tWebsite\tCity", '\t')]
    [InlineData("Name|Website|City", '|')]
    [InlineData("\"Name, long\";Website;City", ';')]
    [InlineData("Name", ',')]
    public void The_delimiter_is_the_candidate_most_frequent_outside_quotes_in_the_header(string header, char expected) =>
        Assert.Equal(expected, CsvRecordReader.DetectDelimiter(header));

    [Fact]
    public void A_given_delimiter_overrides_detection()
    {
        var (header, rows, delimiter, _) = Read(new UTF8Encoding(false).GetBytes("A;B,C,D\n1;2,3,4\n"), ';');
        Assert.Equal(';', delimiter);
        Assert.Equal(new[] { "A", "B,C,D" }, header);
        Assert.Equal(new[] { "1", "2,3,4" }, rows[0].Fields);
    }

    [Fact]
    public void Utf16_files_are_read_by_their_byte_order_marks()
    {
        const string text = "Firma;Ort\r\nMüller;Köln\r\n";
        foreach (var encoding in new[] { new UnicodeEncoding(false, true), new UnicodeEncoding(true, true) })
        {
            var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(text)).ToArray();
            var (header, rows, delimiter, used) = Read(bytes);
            Assert.Equal(encoding.WebName, used.WebName);
            Assert.Equal(';', delimiter);
            Assert.Equal(new[] { "Firma", "Ort" }, header);
            Assert.Equal(new[] { "Müller", "Köln" }, rows[0].Fields);
        }
    }

    [Fact]
    public void Utf8_with_a_byte_order_mark_leaves_no_mark_in_the_first_column()
    {
        var bytes = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes("Name,City\nA,Zürich\n")).ToArray();
        var (header, rows, _, _) = Read(bytes);
        Assert.Equal("Name", header[0]);
        Assert.Equal("Zürich", rows[0].Fields[1]);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_read_as_windows_1252()
    {
        // ü = 0xFC, € = 0x80 in Windows-1252; neither is valid UTF-8 on its own.
        var bytes = Encoding.ASCII.GetBytes("Name;Price\nM").Concat(new byte[] { 0xFC }).Concat(Encoding.ASCII.GetBytes("ller;5 ")).Concat(new byte[] { 0x80 }).Concat(Encoding.ASCII.GetBytes("\n")).ToArray();
        var (_, rows, _, used) = Read(bytes);
        Assert.Equal("windows-1252", used.WebName);
        Assert.Equal(new[] { "Müller", "5 €" }, rows[0].Fields);
    }

    [Fact]
    public void Valid_utf8_without_a_mark_stays_utf8_even_past_the_first_block()
    {
        var text = "Name\n" + string.Concat(Enumerable.Repeat("ascii\n", 20000)) + "Zürich\n";
        var (_, rows, _, used) = Read(text);
        Assert.Equal("utf-8", used.WebName);
        Assert.Equal("Zürich", rows[^1].Fields[0]);
        Assert.Equal(20002, rows[^1].Line);
    }

    [Fact]
    public void An_empty_file_has_no_header_and_no_rows()
    {
        var (header, rows, _, _) = Read("");
        Assert.Empty(header);
        Assert.Empty(rows);
    }
}
