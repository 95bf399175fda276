#include "csvdialect.h"

#include <QCoreApplication>
#include <QList>


QString CsvDialect::encodingName() const
{
    QString name;
    switch (encoding) {
    case CsvEncoding::Utf8: name = QStringLiteral("UTF-8"); break;
    case CsvEncoding::Utf16LE: name = QStringLiteral("UTF-16LE"); break;
    case CsvEncoding::Utf16BE: name = QStringLiteral("UTF-16BE"); break;
    case CsvEncoding::Windows1252: name = QStringLiteral("Windows-1252"); break;
    }
    return bom ? name + QStringLiteral(" (BOM)") : name;
}

QString CsvDialect::delimiterName() const
{
    switch (delimiter) {
    case ',': return QCoreApplication::translate("CsvDialect", "comma");
    case ';': return QCoreApplication::translate("CsvDialect", "semicolon");
    case '\t': return QCoreApplication::translate("CsvDialect", "tab");
    case '|': return QCoreApplication::translate("CsvDialect", "pipe");
    default: return QString(QLatin1Char(delimiter));
    }
}

QString CsvDialect::lineEndingName() const
{
    switch (lineEnding) {
    case LineEnding::LF: return QStringLiteral("LF");
    case LineEnding::CRLF: return QStringLiteral("CRLF");
    case LineEnding::CR: return QStringLiteral("CR");
    }
    return {};
}

namespace Csv {

char sniffDelimiter(QByteArrayView sample)
{
    constexpr int kMaxLines = 100;
    // Each candidate splits the sample by the same quoting rules as the reader would with it
    // as the delimiter (a quote opens a field only at the field's start).
    int best = -1;
    long long bestScore = -1;
    for (int k = 0; k < int(sizeof(kCandidateDelimiters)); ++k) {
        Scanner scanner(kCandidateDelimiters[k]);
        QList<int> counts; // delimiters per row
        int current = 0;
        for (qsizetype i = 0; i < sample.size() && counts.size() < kMaxLines;) {
            switch (scanner.step(sample.data(), sample.size(), &i)) {
            case Scanner::Delimiter: ++current; break;
            case Scanner::RowEnd: counts.append(current); current = 0; break;
            default: break;
            }
        }
        // The last row of a sample may be cut short; use it only when it is the only one.
        if (counts.isEmpty() && scanner.state() != Scanner::RowStart)
            counts.append(current);
        if (counts.isEmpty() || counts.first() == 0)
            continue;
        // Score: rows agreeing with the header's count, then the header count itself.
        const int headerCount = counts.first();
        long long agreeing = 0;
        for (int c : std::as_const(counts))
            agreeing += c == headerCount ? 1 : 0;
        const long long score = agreeing * 1000 + headerCount;
        if (score > bestScore) {
            bestScore = score;
            best = k;
        }
    }
    return best < 0 ? ',' : kCandidateDelimiters[best];
}

std::optional<CsvEncoding> encodingFromName(QStringView name)
{
    QString n = name.trimmed().toString().toLower();
    n.remove(u'-');
    n.remove(u'_');
    if (n == u"utf8")
        return CsvEncoding::Utf8;
    if (n == u"utf16" || n == u"utf16le")
        return CsvEncoding::Utf16LE;
    if (n == u"utf16be")
        return CsvEncoding::Utf16BE;
    if (n == u"windows1252" || n == u"cp1252" || n == u"latin1" || n == u"iso88591")
        return CsvEncoding::Windows1252;
    return std::nullopt;
}

std::optional<char> delimiterFromName(QStringView name)
{
    const QString n = name.toString().toLower();
    if (n == u"tab" || n == u"\\t" || n == u"\t")
        return '\t';
    if (n == u"comma")
        return ',';
    if (n == u"semicolon")
        return ';';
    if (n == u"pipe")
        return '|';
    if (n.size() == 1 && n[0].unicode() < 0x80 && n[0] != u'"' && n[0] != u'\n' && n[0] != u'\r')
        return char(n[0].unicode());
    return std::nullopt;
}

static constexpr char16_t k80to9F[32] = {
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

QByteArray encodeWindows1252(QStringView text)
{
    QByteArray out(text.size(), Qt::Uninitialized);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t u = text[i].unicode();
        char b = '?';
        if (u < 0x80 || (u >= 0xA0 && u <= 0xFF)) {
            b = char(u);
        } else {
            for (int k = 0; k < 32; ++k)
                if (k80to9F[k] == u)
                    b = char(0x80 + k);
        }
        out[i] = b;
    }
    return out;
}

QString decodeWindows1252(const char *data, qsizetype size)
{
    QString out(size, Qt::Uninitialized);
    char16_t *dst = reinterpret_cast<char16_t *>(out.data());
    for (qsizetype i = 0; i < size; ++i) {
        const auto b = static_cast<unsigned char>(data[i]);
        dst[i] = (b >= 0x80 && b <= 0x9F) ? k80to9F[b - 0x80] : char16_t(b);
    }
    return out;
}

QString decode(CsvEncoding encoding, const char *data, qsizetype size)
{
    if (encoding == CsvEncoding::Windows1252)
        return decodeWindows1252(data, size);
    return QString::fromUtf8(data, size);
}

} // namespace Csv
