#include "xlsxsheet.h"

#include <QDate>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <QXmlStreamReader>

#include <archive.h>
#include <archive_entry.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace Xlsx {
namespace {

// What a member may inflate to: a ZIP bomb stops here. The sheet is streamed (its CSV goes to
// disk), the shared strings are held in memory, the other parts are small.
constexpr qint64 kMaxSheetBytes = qint64(4) << 30;
constexpr qint64 kMaxSharedStringsBytes = qint64(1) << 30;
constexpr qint64 kMaxPartBytes = qint64(64) << 20;
// One token (a cell's text, a tag) or one row may not run longer than this: QXmlStreamReader
// keeps a token whole, and a row is read whole on one core (a full row of 16,384 cells is ~1 MB).
constexpr qint64 kMaxTokenBytes = qint64(16) << 20;
constexpr int kMaxColumns = 16384;    // XFD, Excel's limit
constexpr qint64 kMaxRows = 1048576;

QString tr(const char *text) { return QCoreApplication::translate("XlsxSheet", text); }

QString mib(qint64 bytes) { return QString::number(bytes >> 20); }

// One member of the ZIP, read as a stream (libarchive checks the CRC at its end).
class ZipMember
{
public:
    ~ZipMember()
    {
        if (m_archive)
            archive_read_free(m_archive);
    }
    enum class Found { Yes, No, Error };
    Found open(const QString &path, const QString &name, qint64 limit, QString *error)
    {
        m_name = name;
        m_limit = limit;
        m_archive = archive_read_new();
        // The seekable reader trusts the central directory (sizes, data descriptors).
        archive_read_support_format_zip_seekable(m_archive);
        if (archive_read_open_filename(m_archive, QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK)
            return failed(error), Found::Error;
        for (;;) {
            archive_entry *entry = nullptr;
            const int r = archive_read_next_header(m_archive, &entry);
            if (r == ARCHIVE_EOF)
                return Found::No;
            if (r < ARCHIVE_WARN)
                return failed(error), Found::Error;
            const char *entryName = archive_entry_pathname_utf8(entry);
            if (!entryName || QString::fromUtf8(entryName).compare(name, Qt::CaseInsensitive) != 0)
                continue;
            m_size = archive_entry_size_is_set(entry) ? archive_entry_size(entry) : 0;
            if (m_size > m_limit) {
                *error = tooBig();
                return Found::Error;
            }
            return Found::Yes;
        }
    }
    // Bytes read, 0 at the member's end, -1 on error.
    qint64 read(char *data, qint64 max, QString *error)
    {
        const la_ssize_t n = archive_read_data(m_archive, data, size_t(max));
        if (n < 0) {
            failed(error);
            *error = tr("%1: %2").arg(m_name, *error);
            return -1;
        }
        m_done += n;
        if (m_done > m_limit) {
            *error = tooBig();
            return -1;
        }
        return n;
    }
    qint64 done() const { return m_done; }
    qint64 size() const { return m_size; }
    const QString &name() const { return m_name; }

private:
    void failed(QString *error)
    {
        const char *text = archive_error_string(m_archive);
        *error = tr("corrupt or truncated ZIP file (%1)").arg(text ? QString::fromLocal8Bit(text) : tr("unreadable"));
    }
    QString tooBig() const
    {
        return tr("%1 inflates to over %2 MiB; refused (a ZIP bomb?)").arg(m_name, mib(m_limit));
    }
    archive *m_archive = nullptr;
    QString m_name;
    qint64 m_limit = 0;
    qint64 m_size = 0;
    qint64 m_done = 0;
};

// QXmlStreamReader fed from a ZipMember in chunks, so no part is ever held whole, or given a
// piece of the sheet in memory.
class XmlFeed
{
public:
    explicit XmlFeed(ZipMember &member)
        : m_member(&member)
        , m_name(member.name())
    {
    }
    XmlFeed(const QByteArray &document, const QString &name)
        : m_name(name)
        , m_end(true)
    {
        xml.addData(document);
    }
    QXmlStreamReader xml;
    QString error;

    // The next token; Invalid at an error (`error` set) or the document's end.
    QXmlStreamReader::TokenType next()
    {
        for (;;) {
            const QXmlStreamReader::TokenType t = xml.readNext();
            if (t == QXmlStreamReader::Invalid) {
                if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError && !m_end) {
                    if (!feed())
                        return t;
                    continue;
                }
                // Fed in chunks, the reader cannot tell the data's end: the root element's is it.
                if (xml.error() == QXmlStreamReader::PrematureEndOfDocumentError && m_rootClosed)
                    return t;
                if (xml.hasError())
                    error = tr("%1 is damaged (line %2: %3)").arg(m_name).arg(xml.lineNumber()).arg(xml.errorString());
                return t;
            }
            // OOXML has no DTD: one here is an entity trick, refused before it is expanded.
            if (t == QXmlStreamReader::DTD || t == QXmlStreamReader::EntityReference) {
                error = tr("%1 declares entities (a DTD), which no workbook does; refused").arg(m_name);
                return QXmlStreamReader::Invalid;
            }
            m_tokenFed = m_fed;
            if (t == QXmlStreamReader::StartElement)
                ++m_depth;
            else if (t == QXmlStreamReader::EndElement && --m_depth == 0)
                m_rootClosed = true;
            return t;
        }
    }
    bool failed() const { return !error.isEmpty(); }

private:
    bool feed()
    {
        if (m_fed - m_tokenFed > kMaxTokenBytes) {
            error = tr("%1 holds an element over %2 MiB long; refused").arg(m_name, mib(kMaxTokenBytes));
            return false;
        }
        const qint64 n = m_member->read(m_buffer.data(), m_buffer.size(), &error);
        if (n < 0)
            return false;
        if (n == 0)
            m_end = true;
        else
            xml.addData(QByteArray(m_buffer.constData(), n));
        m_fed += n;
        return true;
    }
    ZipMember *m_member = nullptr;
    QString m_name;
    QByteArray m_buffer = m_member ? QByteArray(1 << 16, Qt::Uninitialized) : QByteArray();
    qint64 m_fed = 0;
    qint64 m_tokenFed = 0;
    int m_depth = 0;
    bool m_rootClosed = false;
    bool m_end = false;
};

// RFC 4180: quoted when it holds the delimiter, a quote or a line break.
void appendCsvField(QByteArray &out, const QByteArray &text)
{
    bool quote = false;
    for (const char c : text) {
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    for (const char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

QByteArray csvField(const QString &text)
{
    QByteArray out;
    appendCsvField(out, text.toUtf8());
    return out;
}

enum class DateKind : quint8 { None, Date, Time, DateTime };

DateKind builtinKind(int id)
{
    if (id >= 14 && id <= 17)
        return DateKind::Date;
    if ((id >= 18 && id <= 21) || (id >= 45 && id <= 47))
        return DateKind::Time;
    if (id == 22)
        return DateKind::DateTime;
    return DateKind::None;
}

// A custom number format shows a date or time when its first section has y, m, d, h or s
// outside quotes, escapes and [brackets] ([h], [mm], [ss] are elapsed time).
DateKind customKind(const QString &code)
{
    bool date = false, time = false, month = false;
    for (qsizetype i = 0; i < code.size(); ++i) {
        const QChar c = code[i].toLower();
        if (c == u'"') {
            i = code.indexOf(u'"', i + 1);
            if (i < 0)
                break;
        } else if (c == u'\\' || c == u'_' || c == u'*') {
            ++i;
        } else if (c == u'[') {
            const qsizetype end = code.indexOf(u']', i);
            const QString inside = code.mid(i + 1, end - i - 1).toLower();
            if (inside == u"h" || inside == u"hh" || inside == u"m" || inside == u"mm" || inside == u"s" || inside == u"ss")
                time = true;
            if (end < 0)
                break;
            i = end;
        } else if (c == u';') {
            break;
        } else if (c == u'y' || c == u'd') {
            date = true;
        } else if (c == u'h' || c == u's') {
            time = true;
        } else if (c == u'm') {
            month = true;
        }
    }
    if (month && !time)
        date = true;
    return date && time ? DateKind::DateTime : date ? DateKind::Date : time ? DateKind::Time : DateKind::None;
}

// An Excel serial date as ISO 8601 text; empty when out of range (the number is written then).
QByteArray isoDate(double serial, bool date1904, DateKind kind)
{
    if (!(serial >= 0) || serial >= 2958466) // 10000-01-01
        return {};
    const qint64 seconds = std::llround(serial * 86400.0);
    const qint64 days = seconds / 86400;
    const int inDay = int(seconds % 86400);
    const QByteArray time = QByteArray::number(inDay / 3600).rightJustified(2, '0') + ':'
        + QByteArray::number(inDay / 60 % 60).rightJustified(2, '0') + ':'
        + QByteArray::number(inDay % 60).rightJustified(2, '0');
    if (kind == DateKind::Time && days == 0)
        return time;
    QByteArray date;
    if (date1904) {
        date = QDate(1904, 1, 1).addDays(days).toString(Qt::ISODate).toLatin1();
    } else if (days == 60) {
        date = "1900-02-29"; // Excel's day that never was (Lotus 1-2-3's leap year bug)
    } else {
        // Excel counts 1900-01-01 as day 1 and the false 1900-02-29 as day 60.
        date = QDate(1899, 12, days < 60 ? 31 : 30).addDays(days).toString(Qt::ISODate).toLatin1();
    }
    if (kind == DateKind::Date && inDay == 0)
        return date;
    return date + 'T' + time;
}

QByteArray shortestNumber(double value)
{
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return QByteArray(buffer, int(result.ptr - buffer));
}

// "AB12" -> column 27 (0-based); -1 when not a cell reference within the sheet's limits.
int columnOf(QStringView ref)
{
    int column = 0;
    qsizetype i = 0;
    for (; i < ref.size() && ref[i].isLetter(); ++i) {
        const char16_t c = ref[i].toUpper().unicode();
        if (c < u'A' || c > u'Z')
            return -1;
        column = column * 26 + (c - u'A' + 1);
        if (column > kMaxColumns)
            return -1;
    }
    if (i == 0 || i == ref.size())
        return -1;
    bool ok = false;
    const qint64 row = ref.mid(i).toLongLong(&ok);
    return ok && row >= 1 && row <= kMaxRows ? column - 1 : -1;
}

QStringView attribute(const QXmlStreamAttributes &attributes, QStringView name)
{
    for (const QXmlStreamAttribute &a : attributes) {
        if (a.name() == name)
            return a.value();
    }
    return {};
}

struct SheetEntry
{
    QString name;
    QString relId;
};

// What the cells need to be read: date formats and shared strings, read-only while converting.
struct Tables
{
    bool date1904 = false;
    std::vector<DateKind> xfKinds;   // per cellXfs entry
    QByteArray sharedBlob;           // the shared strings, CSV-quoted, one after another
    std::vector<qint64> sharedEnds;  // where each ends in the blob
    bool sharedComplete = true;      // false while more are to be read
};

// One piece of the sheet converted to CSV.
struct Piece
{
    QByteArray csv;
    qint64 dataRows = 0;
    qint64 firstRow = -1; // the first row's number when it states it
    qint64 lastRow = 0;   // from firstRow, or counted from 0 when the first row states none
    bool headerWritten = false;
    int width = 0;
    QString error;
    qint64 needShared = -1; // a shared string not read yet: read up to it, then convert again
};

// Reads the rows of one XML document (the sheet's start, some of its rows, its end).
class RowParser
{
public:
    RowParser(const Tables &tables, const QString &path, XmlFeed &feed)
        : m_tables(tables)
        , m_path(path)
        , m_feed(feed)
    {
        m_cells.resize(64);
    }
    Piece run(bool headerWritten, int width);

private:
    bool readRow(QString *error);
    QString fail(const QString &why) const { return QStringLiteral("%1: %2").arg(m_path, why); }
    const Tables &m_tables;
    const QString &m_path;
    XmlFeed &m_feed;
    bool m_inSheetData = false;
    bool m_atEnd = false;
    qint64 m_firstRow = -1;
    qint64 m_lastRow = 0;
    std::vector<QByteArray> m_cells; // the current row, by column
    int m_cellCount = 0;             // columns used in m_cells
    QString m_text;                  // the current cell's, kept for its capacity
    qint64 m_needShared = -1;
};

// Converts a piece of the sheet; runs on any thread.
Piece convertPiece(const Tables &tables, const QString &path, const QString &part, const QByteArray &document,
                   bool headerWritten, int width)
{
    XmlFeed feed(document, part);
    return RowParser(tables, path, feed).run(headerWritten, width);
}

bool isTagEnd(char c) { return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\r' || c == '\n'; }

// Cuts a part's XML at the starts of its repeated element (<row> in <sheetData>, <si> in <sst>)
// into pieces of about 1 MiB, each made a document of its own (the part up to the container's
// start tag, some elements, the closing tags) that QXmlStreamReader reads on any core.
class Splitter
{
public:
    Splitter(const QString &path, const QByteArray &container, const QByteArray &item)
        : m_path(path)
        , m_container(container)
        , m_item(item)
    {
    }
    ZipMember member;
    // The next piece; empty when none is left.
    bool next(QByteArray *document, QString *error);
    bool ended() const { return m_ended; }

private:
    QString fail(const QString &why) const { return QStringLiteral("%1: %2").arg(m_path, why); }
    bool readMore(QString *error);
    bool start(QString *error);
    QString m_path;
    QByteArray m_container, m_item;
    QByteArray m_prologue; // the part up to the end of the container's start tag
    QByteArray m_epilogue; // the closing tags, with their prefixes
    QByteArray m_itemTag;  // <row
    QByteArray m_endTag;   // </sheetData
    QByteArray m_pending;  // read and not yet handed out
    qint64 m_scanned = 0;  // how much of m_pending holds no m_endTag
    bool m_started = false;
    bool m_memberEnded = false;
    bool m_ended = false;  // no piece left
};

// A piece of the shared strings, CSV-quoted.
struct SharedPiece
{
    QByteArray blob;
    std::vector<qint64> ends;
    QString error;
};

SharedPiece parseShared(const QString &path, const QString &part, const QByteArray &document)
{
    SharedPiece piece;
    XmlFeed f(document, part);
    QString text;
    int inT = 0, inPhonetic = 0;
    while (f.next() != QXmlStreamReader::Invalid) {
        const QStringView name = f.xml.name();
        if (f.xml.isStartElement()) {
            if (name == u"si")
                text.resize(0);
            else if (name == u"t")
                ++inT;
            else if (name == u"rPh")
                ++inPhonetic;
        } else if (f.xml.isEndElement()) {
            if (name == u"si") {
                appendCsvField(piece.blob, text.toUtf8());
                piece.ends.push_back(piece.blob.size());
            } else if (name == u"t") {
                --inT;
            } else if (name == u"rPh") {
                --inPhonetic;
            }
        } else if (f.xml.isCharacters() && inT > 0 && inPhonetic == 0) {
            text += f.xml.text();
        }
    }
    if (f.failed())
        piece.error = QStringLiteral("%1: %2").arg(path, f.error);
    return piece;
}

} // namespace

struct SheetReader::Private
{
    QString path;
    QString part; // the sheet's member
    QStringList sheets;
    Tables tables;
    std::unique_ptr<Splitter> rows;   // the sheet, cut at its rows
    std::unique_ptr<Splitter> shared; // the shared strings not read yet, cut at its items
    bool atEnd = false; // every row converted
    bool headerWritten = false;
    int width = 0;
    qint64 lastRow = 0;
    qint64 dataRows = 0;

    QString fail(const QString &why) const { return QStringLiteral("%1: %2").arg(path, why); }
    bool readPart(const QString &name, qint64 limit, bool required, QString *error,
                  const std::function<bool(XmlFeed &)> &parse);
    // Reads the shared strings up to `index` (one piece after another), or all (-1: on every core).
    bool loadShared(qint64 index, QString *error);
    bool merge(const Piece &piece, QIODevice *out, QString *error);
    Piece convert(const QByteArray &document) const
    {
        return convertPiece(tables, path, part, document, headerWritten, width);
    }
};

bool SheetReader::Private::readPart(const QString &name, qint64 limit, bool required, QString *error,
                                    const std::function<bool(XmlFeed &)> &parse)
{
    ZipMember m;
    QString why;
    switch (m.open(path, name, limit, &why)) {
    case ZipMember::Found::Error:
        *error = fail(why);
        return false;
    case ZipMember::Found::No:
        if (required)
            *error = fail(tr("not an XLSX workbook (no %1)").arg(name));
        return !required;
    case ZipMember::Found::Yes:
        break;
    }
    XmlFeed feed(m);
    if (!parse(feed) || feed.failed()) {
        *error = fail(feed.failed() ? feed.error : tr("%1 is damaged").arg(name));
        return false;
    }
    return true;
}

SheetReader::SheetReader()
    : d(new Private)
{
}

SheetReader::~SheetReader() = default;

bool SheetReader::open(const QString &path, const QString &sheet, QString *error)
{
    d->path = path;
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly)) {
        *error = d->fail(QFileInfo(path).isDir() ? tr("is a directory, not a workbook") : probe.errorString());
        return false;
    }
    if (probe.read(4) != QByteArrayLiteral("PK\x03\x04")) {
        *error = d->fail(tr("not an XLSX workbook (not a ZIP file)"));
        return false;
    }
    probe.close();

    // The workbook: its sheets in order, and which relationship holds each.
    std::vector<SheetEntry> sheets;
    auto readWorkbook = [&](XmlFeed &f) {
        while (f.next() != QXmlStreamReader::Invalid) {
            if (!f.xml.isStartElement())
                continue;
            const QStringView name = f.xml.name();
            if (name == u"sheet") {
                SheetEntry e;
                const QXmlStreamAttributes attributes = f.xml.attributes();
                e.name = attribute(attributes, u"name").toString();
                for (const QXmlStreamAttribute &a : attributes) {
                    if (a.name() == u"id" && !a.namespaceUri().isEmpty())
                        e.relId = a.value().toString();
                }
                sheets.push_back(e);
            } else if (name == u"workbookPr") {
                const QStringView v = attribute(f.xml.attributes(), u"date1904");
                d->tables.date1904 = v == u"1" || v == u"true";
            }
        }
        return true;
    };
    if (!d->readPart(QStringLiteral("xl/workbook.xml"), kMaxPartBytes, true, error, readWorkbook))
        return false;
    if (sheets.empty()) {
        *error = d->fail(tr("the workbook has no sheets"));
        return false;
    }
    const SheetEntry *chosen = &sheets.front();
    for (const SheetEntry &e : sheets) {
        d->sheets.append(e.name);
        if (!sheet.isEmpty() && e.name == sheet)
            chosen = &e;
    }
    if (!sheet.isEmpty() && chosen->name != sheet) {
        *error = d->fail(tr("no sheet named \"%1\" (sheets: %2)").arg(sheet, d->sheets.join(QStringLiteral(", "))));
        return false;
    }

    // The relationships: where the chosen sheet, the shared strings and the styles are.
    QHash<QString, QString> targets; // id -> member
    QString sharedStringsPart, stylesPart;
    auto readRels = [&](XmlFeed &f) {
        while (f.next() != QXmlStreamReader::Invalid) {
            if (!f.xml.isStartElement() || f.xml.name() != u"Relationship")
                continue;
            const QXmlStreamAttributes attributes = f.xml.attributes();
            const QString target = attribute(attributes, u"Target").toString();
            // Relative to xl/, or absolute from the package's root.
            const QString member = QDir::cleanPath(target.startsWith(u'/') ? target.mid(1) : QStringLiteral("xl/") + target);
            const QStringView type = attribute(attributes, u"Type");
            targets.insert(attribute(attributes, u"Id").toString(), member);
            if (type.endsWith(u"/sharedStrings"))
                sharedStringsPart = member;
            else if (type.endsWith(u"/styles"))
                stylesPart = member;
        }
        return true;
    };
    if (!d->readPart(QStringLiteral("xl/_rels/workbook.xml.rels"), kMaxPartBytes, true, error, readRels))
        return false;
    const QString sheetPart = targets.value(chosen->relId);
    if (sheetPart.isEmpty()) {
        *error = d->fail(tr("the workbook names no part for sheet \"%1\"").arg(chosen->name));
        return false;
    }

    // Styles: which cell formats show dates.
    auto readStyles = [&](XmlFeed &f) {
        QHash<int, DateKind> custom;
        bool inCellXfs = false;
        while (f.next() != QXmlStreamReader::Invalid) {
            const QStringView name = f.xml.name();
            if (f.xml.isEndElement() && name == u"cellXfs")
                inCellXfs = false;
            if (!f.xml.isStartElement())
                continue;
            if (name == u"numFmt") {
                const QXmlStreamAttributes attributes = f.xml.attributes();
                custom.insert(attribute(attributes, u"numFmtId").toInt(), customKind(attribute(attributes, u"formatCode").toString()));
            } else if (name == u"cellXfs") {
                inCellXfs = true;
            } else if (name == u"xf" && inCellXfs) {
                const int id = attribute(f.xml.attributes(), u"numFmtId").toInt();
                d->tables.xfKinds.push_back(custom.contains(id) ? custom.value(id) : builtinKind(id));
            }
        }
        return true;
    };
    if (!stylesPart.isEmpty() && !d->readPart(stylesPart, kMaxPartBytes, false, error, readStyles))
        return false;

    // Shared strings: held, already CSV-quoted, in one block; read as the rows need them.
    if (!sharedStringsPart.isEmpty()) {
        d->shared = std::make_unique<Splitter>(path, QByteArrayLiteral("sst"), QByteArrayLiteral("si"));
        QString why;
        switch (d->shared->member.open(path, sharedStringsPart, kMaxSharedStringsBytes, &why)) {
        case ZipMember::Found::Error:
            *error = d->fail(why);
            return false;
        case ZipMember::Found::No:
            d->shared.reset();
            break;
        case ZipMember::Found::Yes:
            d->tables.sharedComplete = false;
            break;
        }
    }

    d->rows = std::make_unique<Splitter>(path, QByteArrayLiteral("sheetData"), QByteArrayLiteral("row"));
    QString why;
    switch (d->rows->member.open(path, sheetPart, kMaxSheetBytes, &why)) {
    case ZipMember::Found::Error:
        *error = d->fail(why);
        return false;
    case ZipMember::Found::No:
        *error = d->fail(tr("the workbook has no %1 for sheet \"%2\"").arg(sheetPart, chosen->name));
        return false;
    case ZipMember::Found::Yes:
        break;
    }
    d->part = sheetPart;
    return true;
}

bool RowParser::readRow(QString *error)
{
    // Returns with `cells` holding one row, or with atEnd set.
    QString &text = m_text;
    QStringView type;
    QString typeHeld;
    int column = -1, style = 0;
    bool inCell = false, inValue = false, inInline = false;
    int inT = 0, inPhonetic = 0;
    auto bad = [&](const QString &why) {
        *error = fail(why);
        return false;
    };
    auto end = [&] {
        m_atEnd = true;
        m_cellCount = 0; // no row
        return true;
    };
    for (;;) {
        const QXmlStreamReader::TokenType t = m_feed.next();
        if (t == QXmlStreamReader::Invalid) {
            if (m_feed.failed())
                return bad(m_feed.error);
            return end();
        }
        if (t == QXmlStreamReader::Characters) {
            if (inValue || (inInline && inT > 0 && inPhonetic == 0))
                text += m_feed.xml.text();
            continue;
        }
        const QStringView name = m_feed.xml.name();
        if (t == QXmlStreamReader::StartElement) {
            if (!m_inSheetData) {
                m_inSheetData = name == u"sheetData";
                continue;
            }
            if (name == u"row") {
                qint64 row = m_lastRow + 1;
                const QStringView r = attribute(m_feed.xml.attributes(), u"r");
                if (!r.isEmpty()) {
                    bool ok = false;
                    row = r.toLongLong(&ok);
                    if (!ok || row <= m_lastRow || row > kMaxRows)
                        return bad(tr("row number %1 is out of order or beyond the sheet's %2 rows").arg(r.toString()).arg(kMaxRows));
                }
                if (row > kMaxRows)
                    return bad(tr("more than %1 rows").arg(kMaxRows));
                if (m_firstRow < 0 && !r.isEmpty())
                    m_firstRow = row;
                m_lastRow = row;
                for (int c = 0; c < m_cellCount; ++c)
                    m_cells[c].resize(0);
                m_cellCount = 0;
            } else if (name == u"c") {
                const QXmlStreamAttributes attributes = m_feed.xml.attributes();
                const QStringView r = attribute(attributes, u"r");
                column = r.isEmpty() ? m_cellCount : columnOf(r);
                if (column < 0 || column >= kMaxColumns)
                    return bad(tr("cell reference \"%1\" is not within the sheet (A1 to XFD1048576)").arg(r.toString()));
                if (column < m_cellCount)
                    return bad(tr("cell %1 is out of order").arg(r.toString()));
                typeHeld = attribute(attributes, u"t").toString();
                type = typeHeld;
                style = attribute(attributes, u"s").toInt();
                text.resize(0); // keeps its capacity
                inCell = true;
            } else if (inCell && name == u"v") {
                inValue = true;
            } else if (inCell && name == u"is") {
                inInline = true;
            } else if (inInline && name == u"t") {
                ++inT;
            } else if (inInline && name == u"rPh") {
                ++inPhonetic;
            }
            continue;
        }
        if (t != QXmlStreamReader::EndElement || !m_inSheetData)
            continue;
        if (name == u"v") {
            inValue = false;
        } else if (name == u"t") {
            inT = qMax(0, inT - 1);
        } else if (name == u"rPh") {
            inPhonetic = qMax(0, inPhonetic - 1);
        } else if (name == u"is") {
            inInline = false;
        } else if (name == u"c" && inCell) {
            inCell = false;
            if (size_t(column) >= m_cells.size())
                m_cells.resize(size_t(column) + 64);
            m_cellCount = column + 1;
            QByteArray &out = m_cells[column];
            if (text.isEmpty())
                continue;
            if (type == u"s") {
                bool ok = false;
                const qint64 index = text.toLongLong(&ok);
                if (ok && index >= qint64(m_tables.sharedEnds.size()) && !m_tables.sharedComplete) {
                    m_needShared = index;
                    return false;
                }
                if (!ok || index < 0 || index >= qint64(m_tables.sharedEnds.size()))
                    return bad(tr("cell in row %1 names shared string %2, which does not exist").arg(m_lastRow).arg(text));
                const qint64 begin = index == 0 ? 0 : m_tables.sharedEnds[index - 1];
                out = m_tables.sharedBlob.mid(begin, m_tables.sharedEnds[index] - begin);
            } else if (type == u"b") {
                out = text.trimmed() == u"1" ? QByteArrayLiteral("TRUE") : QByteArrayLiteral("FALSE");
            } else if (type.isEmpty() || type == u"n") {
                const QByteArray number = text.trimmed().toLatin1();
                double value = 0;
                const auto parsed = std::from_chars(number.constData(), number.constData() + number.size(), value);
                if (parsed.ec != std::errc() || parsed.ptr != number.constData() + number.size() || !std::isfinite(value)) {
                    out = csvField(text);
                    continue;
                }
                const DateKind kind = style >= 0 && size_t(style) < m_tables.xfKinds.size() ? m_tables.xfKinds[style] : DateKind::None;
                if (kind != DateKind::None)
                    out = isoDate(value, m_tables.date1904, kind);
                if (out.isEmpty())
                    out = shortestNumber(value);
            } else { // inlineStr, str (a formula's text), e (an error's text), d (ISO date)
                out = csvField(text);
            }
        } else if (name == u"row") {
            return true;
        } else if (name == u"sheetData") {
            m_inSheetData = false;
            return end();
        }
    }
}

Piece RowParser::run(bool headerWritten, int width)
{
    Piece piece;
    QByteArray &buffer = piece.csv;
    while (!m_atEnd) {
        if (!readRow(&piece.error)) {
            piece.needShared = m_needShared;
            return piece;
        }
        int used = m_cellCount;
        while (used > 0 && m_cells[used - 1].isEmpty())
            --used;
        if (used == 0) // no text at all: no row, as a blank line in a CSV file
            continue;
        if (!headerWritten) {
            headerWritten = true;
            width = used;
        } else {
            ++piece.dataRows;
        }
        const int n = qMax(used, width); // a short row padded; a long row keeps its extra fields
        for (int c = 0; c < n; ++c) {
            if (c > 0)
                buffer += ',';
            if (c < used)
                buffer += m_cells[c];
        }
        buffer += '\n';
    }
    piece.firstRow = m_firstRow;
    piece.lastRow = m_lastRow;
    piece.headerWritten = headerWritten;
    piece.width = width;
    return piece;
}

bool Splitter::readMore(QString *error)
{
    constexpr qsizetype kRead = 1 << 20;
    const qsizetype had = m_pending.size();
    m_pending.resize(had + kRead);
    QString why;
    const qint64 n = member.read(m_pending.data() + had, kRead, &why);
    if (n < 0) {
        *error = fail(why);
        return false;
    }
    m_pending.resize(had + n);
    m_memberEnded = n == 0;
    return true;
}

// Finds the container's start tag: the part up to it starts every piece.
bool Splitter::start(QString *error)
{
    m_started = true;
    constexpr qsizetype kMaxPrologue = qsizetype(16) << 20;
    for (;;) {
        for (qsizetype at = m_pending.indexOf(m_container); at >= 0; at = m_pending.indexOf(m_container, at + 1)) {
            qsizetype lt = at; // back over a prefix (x:sheetData) to the '<'
            while (lt > 0 && (std::isalnum(uchar(m_pending[lt - 1])) || m_pending[lt - 1] == ':' || m_pending[lt - 1] == '_'))
                --lt;
            const qsizetype after = at + m_container.size();
            if (lt == 0 || m_pending[lt - 1] != '<' || after >= m_pending.size() || !isTagEnd(m_pending[after]))
                continue;
            qsizetype gt = after; // the tag's end, quotes respected
            for (char quote = 0; gt < m_pending.size() && (quote || m_pending[gt] != '>'); ++gt) {
                if (quote && m_pending[gt] == quote)
                    quote = 0;
                else if (!quote && (m_pending[gt] == '"' || m_pending[gt] == '\''))
                    quote = m_pending[gt];
            }
            if (gt >= m_pending.size())
                break; // read more
            const QByteArray name = m_pending.mid(lt, after - lt);
            m_itemTag = '<' + name.left(name.size() - m_container.size()) + m_item;
            m_endTag = "</" + name;
            // The root: the first element in the sheet.
            QByteArray root;
            for (qsizetype i = 0; i < lt; ++i) {
                if (m_pending[i] == '<' && i + 1 < lt && m_pending[i + 1] != '?' && m_pending[i + 1] != '!') {
                    qsizetype e = i + 1;
                    while (e < lt && !isTagEnd(m_pending[e]))
                        ++e;
                    root = m_pending.mid(i + 1, e - i - 1);
                    break;
                }
            }
            m_prologue = m_pending.left(gt + 1);
            m_epilogue = "</" + name + '>';
            if (!root.isEmpty() && root != name) // <sheetData> in <worksheet>; <sst> is the root
                m_epilogue += "</" + root + '>';
            m_ended = m_pending[gt - 1] == '/'; // <sheetData/>: no rows
            if (m_ended)
                m_prologue.chop(2), m_prologue += '>';
            m_pending.remove(0, gt + 1);
            m_scanned = 0;
            return true;
        }
        if (m_pending.size() > kMaxPrologue) {
            *error = fail(tr("%1 has no <%2> within its first %3 MiB").arg(member.name(), QString::fromLatin1(m_container), mib(kMaxPrologue)));
            return false;
        }
        if (m_memberEnded) { // no <sheetData> at all: no rows
            m_ended = true;
            return true;
        }
        if (!readMore(error))
            return false;
    }
}

bool Splitter::next(QByteArray *document, QString *error)
{
    constexpr qsizetype kPieceBytes = qsizetype(1) << 20;
    document->clear();
    if (!m_started && !start(error))
        return false;
    if (m_ended)
        return true;
    QByteArray items;
    for (;;) {
        const qsizetype end = m_pending.indexOf(m_endTag, qMax<qsizetype>(0, m_scanned - m_endTag.size()));
        if (end >= 0) {
            items = m_pending.left(end);
            m_pending.clear();
            m_ended = true;
            break;
        }
        m_scanned = m_pending.size();
        if (m_pending.size() >= kPieceBytes) {
            qsizetype cut = m_pending.lastIndexOf(m_itemTag);
            while (cut > 0 && (cut + m_itemTag.size() >= m_pending.size() || !isTagEnd(m_pending[cut + m_itemTag.size()])))
                cut = m_pending.lastIndexOf(m_itemTag, cut - 1);
            if (cut > 0) {
                items = m_pending.left(cut);
                m_pending.remove(0, cut);
                m_scanned = m_pending.size();
                break;
            }
            if (m_pending.size() > kMaxTokenBytes) {
                *error = fail(tr("%1 holds a row or string over %2 MiB long; refused").arg(member.name(), mib(kMaxTokenBytes)));
                return false;
            }
        }
        if (m_memberEnded) {
            *error = fail(tr("%1 is damaged (it ends inside <%2>)").arg(member.name(), QString::fromLatin1(m_container)));
            return false;
        }
        if (!readMore(error))
            return false;
    }
    *document = m_prologue + items + m_epilogue;
    return true;
}

bool SheetReader::Private::loadShared(qint64 index, QString *error)
{
    auto append = [this, error](const SharedPiece &piece) {
        if (!piece.error.isEmpty()) {
            *error = piece.error;
            return false;
        }
        const qint64 offset = tables.sharedBlob.size();
        tables.sharedBlob += piece.blob;
        for (const qint64 end : piece.ends)
            tables.sharedEnds.push_back(offset + end);
        return true;
    };
    if (!shared)
        return true;
    if (index >= 0) { // the first rows' strings: the file lists them in their order of first use
        while (!shared->ended() && qint64(tables.sharedEnds.size()) <= index) {
            QByteArray document;
            if (!shared->next(&document, error))
                return false;
            if (!document.isEmpty() && !append(parseShared(path, shared->member.name(), document)))
                return false;
        }
    } else {
        QThreadPool pool;
        pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
        const QString part = shared->member.name();
        while (!shared->ended()) {
            QList<QByteArray> batch;
            while (!shared->ended() && batch.size() < 2 * pool.maxThreadCount()) {
                QByteArray document;
                if (!shared->next(&document, error))
                    return false;
                if (!document.isEmpty())
                    batch.append(document);
            }
            const QList<SharedPiece> pieces = QtConcurrent::blockingMapped(&pool, batch, [this, part](const QByteArray &document) {
                return parseShared(path, part, document);
            });
            for (const SharedPiece &piece : pieces) {
                if (!append(piece))
                    return false;
            }
        }
    }
    if (shared->ended()) {
        shared.reset();
        tables.sharedComplete = true;
    }
    return true;
}

bool SheetReader::Private::merge(const Piece &piece, QIODevice *out, QString *error)
{
    if (!piece.error.isEmpty()) {
        *error = piece.error;
        return false;
    }
    // Each piece checked its rows' order; across pieces it is checked here.
    if (piece.firstRow > 0) {
        if (piece.firstRow <= lastRow) {
            *error = fail(tr("row number %1 is out of order or beyond the sheet's %2 rows").arg(piece.firstRow).arg(kMaxRows));
            return false;
        }
        lastRow = piece.lastRow;
    } else {
        lastRow += piece.lastRow;
    }
    if (lastRow > kMaxRows) {
        *error = fail(tr("more than %1 rows").arg(kMaxRows));
        return false;
    }
    headerWritten = piece.headerWritten;
    width = piece.width;
    dataRows += piece.dataRows;
    if (out->write(piece.csv) != piece.csv.size()) {
        *error = fail(tr("cannot write the converted sheet: %1").arg(out->errorString()));
        return false;
    }
    return true;
}

bool SheetReader::writeCsv(QIODevice *out, qint64 minRows, QString *error)
{
    const qint64 goal = d->dataRows + minRows;
    while (!d->atEnd && d->dataRows < goal) {
        QByteArray document;
        if (!d->rows->next(&document, error))
            return false;
        if (document.isEmpty()) {
            d->atEnd = true;
            break;
        }
        Piece piece = d->convert(document);
        while (piece.needShared >= 0) { // read the shared strings this far, then again
            if (!d->loadShared(piece.needShared, error))
                return false;
            piece = d->convert(document);
        }
        if (!d->merge(piece, out, error))
            return false;
        d->atEnd = d->rows->ended();
    }
    if (d->atEnd && !d->headerWritten) {
        *error = d->fail(tr("the sheet is empty (no header row)"));
        return false;
    }
    return true;
}

bool SheetReader::writeRest(QIODevice *out, const std::function<void()> &progress, const std::atomic_bool *cancel,
                            QString *error)
{
    if (!d->headerWritten) // the pieces need the header's width
        return writeCsv(out, 1, error) && (d->atEnd || writeRest(out, progress, cancel, error));
    if (!d->loadShared(-1, error)) // all of them, before the rows are read on every core
        return false;
    // Pieces are read in batches; a batch is converted on every core while the next is read.
    QThreadPool pool;
    pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
    const int batchSize = 2 * pool.maxThreadCount();
    QFuture<Piece> running;
    bool busy = false;
    auto collect = [&] {
        busy = false;
        for (const Piece &piece : running.results()) {
            if (!d->merge(piece, out, error))
                return false;
        }
        return true;
    };
    const Tables *tables = &d->tables; // read-only from here on, like the rest captured
    const QString path = d->path, part = d->part;
    const int width = d->width;
    while (!d->rows->ended() || busy) {
        std::vector<QByteArray> batch;
        while (!d->rows->ended() && int(batch.size()) < batchSize) {
            QByteArray document;
            if (!d->rows->next(&document, error)) {
                running.waitForFinished();
                return false;
            }
            if (!document.isEmpty())
                batch.push_back(std::move(document));
        }
        if (busy && !collect())
            return false;
        if (cancel && cancel->load())
            return true;
        if (!batch.empty()) {
            running = QtConcurrent::mapped(&pool, std::move(batch), [tables, path, part, width](const QByteArray &document) {
                return convertPiece(*tables, path, part, document, true, width);
            });
            busy = true;
        }
        if (progress)
            progress();
    }
    d->atEnd = true;
    return true;
}

bool SheetReader::atEnd() const { return d->atEnd; }
QStringList SheetReader::sheets() const { return d->sheets; }
qint64 SheetReader::dataRows() const { return d->dataRows; }
qint64 SheetReader::bytesDone() const { return d->rows ? d->rows->member.done() : 0; }
qint64 SheetReader::bytesTotal() const { return d->rows ? d->rows->member.size() : 0; }

bool isWorkbook(const QString &path)
{
    return path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive)
        || path.endsWith(QStringLiteral(".xlsm"), Qt::CaseInsensitive);
}

QString enrichedPath(const QString &input)
{
    const QFileInfo info(input);
    return info.absoluteDir().filePath(info.completeBaseName()
                                       + (isWorkbook(input) ? QStringLiteral(".enriched.xlsx") : QStringLiteral(".enriched.csv")));
}

QStringList sheetNames(const QString &path, QString *error)
{
    SheetReader reader; // opening reads no rows
    return reader.open(path, QString(), error) ? reader.sheets() : QStringList();
}

// The private folder of one conversion; removed with the last file that reads from it.
struct Conversion::Temp
{
    QTemporaryDir dir{QDir::tempPath() + QStringLiteral("/lei-enricher-xlsx-XXXXXX")};
};

namespace {
// The CSV opened as a file that names the workbook and keeps the folder while it lives.
std::shared_ptr<CsvFile> openCsv(const QString &csv, const QString &workbook, const CsvOptions &options,
                                 const std::shared_ptr<void> &keep, QString *error)
{
    CsvOptions csvOptions = options;
    csvOptions.delimiter = ',';
    csvOptions.encoding = CsvEncoding::Utf8;
    std::shared_ptr<CsvFile> file = CsvFile::open(csv, csvOptions, error);
    if (!file) {
        if (error) // the message names the workbook, not the private copy
            error->replace(csv, workbook);
        return nullptr;
    }
    file->setShownPath(workbook);
    CsvFile *raw = file.get();
    return std::shared_ptr<CsvFile>(raw, [file, keep](CsvFile *) mutable {
        file.reset(); // unmapped before the folder goes
    });
}
} // namespace

std::unique_ptr<Conversion> Conversion::start(const QString &path, const CsvOptions &options,
                                              qint64 headRows, QString *error)
{
    std::unique_ptr<Conversion> c(new Conversion);
    c->m_path = path;
    c->m_options = options;
    c->m_temp = std::make_shared<Temp>();
    if (!c->m_temp->dir.isValid()) {
        *error = tr("%1: cannot make a temporary folder for the converted sheet: %2").arg(path, c->m_temp->dir.errorString());
        return nullptr;
    }
    if (!c->m_reader.open(path, options.sheet, error))
        return nullptr;
    const QString headPath = c->m_temp->dir.filePath(QStringLiteral("head.csv"));
    QFile head(headPath);
    if (!head.open(QIODevice::WriteOnly)) {
        *error = tr("%1: cannot write the converted sheet: %2").arg(path, head.errorString());
        return nullptr;
    }
    if (!c->m_reader.writeCsv(&head, headRows, error))
        return nullptr;
    head.close();
    c->m_head = openCsv(headPath, path, options, c->m_temp, error);
    if (!c->m_head)
        return nullptr;
    c->m_head->index();
    return c;
}

Conversion::~Conversion() = default;

bool Conversion::headIsAll() const { return m_reader.atEnd(); }

std::shared_ptr<CsvFile> Conversion::finish(const std::function<void(qint64, qint64)> &progress,
                                            const std::atomic_bool *cancel, QString *error)
{
    const QString fullPath = m_temp->dir.filePath(QStringLiteral("sheet.csv"));
    QFile::remove(fullPath);
    if (!QFile::copy(m_temp->dir.filePath(QStringLiteral("head.csv")), fullPath)) {
        *error = tr("%1: cannot write the converted sheet").arg(m_path);
        return nullptr;
    }
    QFile full(fullPath);
    if (!full.open(QIODevice::Append)) {
        *error = tr("%1: cannot write the converted sheet: %2").arg(m_path, full.errorString());
        return nullptr;
    }
    // When the file is damaged midway, the rows converted so far are shown, with the reason.
    m_reader.writeRest(&full, [&] {
        if (progress)
            progress(m_reader.bytesDone(), m_reader.bytesTotal());
    }, cancel, error);
    if (!full.flush()) {
        *error = tr("%1: cannot write the converted sheet: %2").arg(m_path, full.errorString());
        return nullptr;
    }
    full.close();
    QString openError;
    auto file = openCsv(fullPath, m_path, m_options, m_temp, &openError);
    if (!file && error->isEmpty())
        *error = openError;
    return file;
}

std::shared_ptr<CsvFile> load(const QString &path, const CsvOptions &options, QString *error)
{
    auto conversion = Conversion::start(path, options, 20000, error);
    if (!conversion)
        return nullptr;
    if (conversion->headIsAll())
        return conversion->head();
    QString why;
    auto file = conversion->finish({}, nullptr, &why);
    if (!why.isEmpty()) {
        *error = why;
        return nullptr;
    }
    file->index();
    return file;
}

} // namespace Xlsx
