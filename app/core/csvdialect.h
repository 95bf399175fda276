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
