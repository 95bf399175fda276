#pragma once

#include <QByteArrayView>
#include <QString>

#include <optional>

// How a CSV file is written: what the reader detected and what the CSV export repeats.
enum class CsvEncoding { Utf8, Utf16LE, Utf16BE, Windows1252 };
enum class LineEnding { LF, CRLF, CR };

struct CsvDialect
{
    char delimiter = ',';
    CsvEncoding encoding = CsvEncoding::Utf8;
    bool bom = false;
    LineEnding lineEnding = LineEnding::LF;

    QString encodingName() const;   // "UTF-8", "UTF-8 (BOM)", "Windows-1252", ...
    QString delimiterName() const;  // "comma", "semicolon", "tab", "pipe"
    QString lineEndingName() const; // "LF", "CRLF", "CR"
};

namespace Csv {

inline constexpr char kCandidateDelimiters[] = {',', ';', '\t', '|'};

// The one quoting state machine every reader here follows (the index, the header, the delimiter
// sniffer, field splitting): RFC 4180, with a quote opening a quoted field only as the field's
// first byte; inside it "" is a quote and a lone quote closes it; a stray quote elsewhere, and
// text after a closing quote, are text. Line ends (LF, CRLF, CR) inside quotes are field text.
class Scanner
{
public:
    enum State : quint8 { RowStart, FieldStart, Unquoted, Quoted, QuoteInQuoted };
    enum Event : quint8 {
        Text,          // nothing to note
        Delimiter,     // a field ended
        RowEnd,        // a line end outside quotes that ends a row
        BlankLine,     // a line end before anything on the line: not a row
        QuotedLineEnd, // a line end inside a quoted field
        QuoteOpened,   // a quoted field started
    };

    explicit Scanner(char delimiter, State state = RowStart) : m_delimiter(delimiter), m_state(state) {}
    State state() const { return m_state; }
    bool inQuotes() const { return m_state == Quoted || m_state == QuoteInQuoted; }
    // Bytes that leave the state as it is while Unquoted or Quoted, so callers may skip them:
    // anything but a quote, CR, LF and the delimiter.
    bool isPlain(char c) const { return c != '"' && c != '\n' && c != '\r' && c != m_delimiter; }
    // A byte known to be plain text (e.g. part of a multi-byte character).
    void plain()
    {
        if (m_state != Quoted)
            m_state = Unquoted;
    }
    // Consumes the byte at `*i` (a CRLF pair at once) and advances `*i` past it.
    Event step(const char *d, qsizetype n, qsizetype *i)
    {
        const char c = d[(*i)++];
        if (m_state == Quoted) {
            if (c == '"') {
                m_state = QuoteInQuoted;
                return Text;
            }
            if (c == '\n' || c == '\r') {
                skipLf(c, d, n, i);
                return QuotedLineEnd;
            }
            return Text;
        }
        if (m_state == QuoteInQuoted) {
            if (c == '"') {
                m_state = Quoted; // "" inside a quoted field
                return Text;
            }
            m_state = Unquoted; // the field closed; what follows is handled as outside quotes
        }
        if (c == m_delimiter) {
            m_state = FieldStart;
            return Delimiter;
        }
        if (c == '\n' || c == '\r') {
            skipLf(c, d, n, i);
            const bool blank = m_state == RowStart;
            m_state = RowStart;
            return blank ? BlankLine : RowEnd;
        }
        if (c == '"' && m_state != Unquoted) {
            m_state = Quoted;
            return QuoteOpened;
        }
        m_state = Unquoted;
        return Text;
    }

private:
    static void skipLf(char c, const char *d, qsizetype n, qsizetype *i)
    {
        if (c == '\r' && *i < n && d[*i] == '\n')
            ++*i;
    }
    char m_delimiter;
    State m_state;
};

// Picks the delimiter among , ; tab | that splits the sample's lines most consistently,
// ignoring delimiters inside quoted fields. Falls back to ','.
char sniffDelimiter(QByteArrayView sample);

// "utf-8", "UTF8", "utf-16", "utf-16le", "windows-1252", "cp1252", "latin1", ... (case-insensitive).
std::optional<CsvEncoding> encodingFromName(QStringView name);

// Parses a --delimiter value: one character, or "tab", "\t", "comma", "semicolon", "pipe".
std::optional<char> delimiterFromName(QStringView name);

// Windows-1252 is a superset of Latin-1's printable range: Qt 6.4's QStringDecoder has no
// built-in codec for it, and the table is 32 entries.
QString decodeWindows1252(const char *data, qsizetype size);

// The reverse: characters outside Windows-1252 become '?'.
QByteArray encodeWindows1252(QStringView text);

// Decodes bytes of a field in the given encoding (UTF-16 files are transcoded to UTF-8 on load,
// so only UTF-8 and Windows-1252 reach here).
QString decode(CsvEncoding encoding, const char *data, qsizetype size);

} // namespace Csv
