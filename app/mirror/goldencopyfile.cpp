#include "goldencopyfile.h"

#include "csvdialect.h"
#include "csvfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <archive.h>
#include <archive_entry.h>

namespace {

constexpr qint64 kChunkBytes = 1 << 20;

QString tr(const char *text)
{
    return QCoreApplication::translate("GoldenCopyFile", text);
}

} // namespace

// Where the CSV bytes come from: the one member of a ZIP, or the file itself.
class GoldenCopyFile::Source
{
public:
    virtual ~Source() = default;
    // Bytes read into `data`, 0 at the end, -1 on an error (error() says which).
    virtual qint64 read(char *data, qint64 max) = 0;
    virtual qint64 position() const = 0;
    QString error;
};

namespace {

class PlainSource final : public GoldenCopyFile::Source
{
public:
    explicit PlainSource(const QString &path) : m_file(path) {}
    bool open()
    {
        if (m_file.open(QIODevice::ReadOnly))
            return true;
        error = m_file.errorString();
        return false;
    }
    qint64 read(char *data, qint64 max) override
    {
        const qint64 n = m_file.read(data, max);
        if (n < 0)
            error = m_file.errorString();
        return n;
    }
    qint64 position() const override { return m_file.pos(); }

private:
    QFile m_file;
};

// libarchive: Debian's maintained reader for ZIP (deflate, ZIP64, data descriptors) that hands
// out a member's bytes as a stream, checking the CRC at the member's end.
class ZipSource final : public GoldenCopyFile::Source
{
public:
    ~ZipSource() override
    {
        if (m_archive)
            archive_read_free(m_archive);
    }
    bool open(const QString &path)
    {
        m_archive = archive_read_new();
        archive_read_support_format_zip(m_archive);
        if (archive_read_open_filename(m_archive, QFile::encodeName(path).constData(), 1 << 16) != ARCHIVE_OK)
            return failed();
        archive_entry *entry = nullptr;
        const int r = archive_read_next_header(m_archive, &entry);
        if (r == ARCHIVE_EOF) {
            error = tr("the ZIP file holds no file");
            return false;
        }
        if (r != ARCHIVE_OK)
            return failed();
        m_member = QString::fromUtf8(archive_entry_pathname_utf8(entry));
        return true;
    }
    qint64 read(char *data, qint64 max) override
    {
        const la_ssize_t n = archive_read_data(m_archive, data, size_t(max));
        if (n < 0)
            return failed(), -1;
        if (n == 0 && !m_checkedEnd) {
            // GLEIF's ZIPs hold one file: a second one means this is not the file we think.
            m_checkedEnd = true;
            archive_entry *entry = nullptr;
            const int r = archive_read_next_header(m_archive, &entry);
            if (r == ARCHIVE_OK) {
                error = tr("the ZIP file holds more than one file");
                return -1;
            }
            if (r != ARCHIVE_EOF)
                return failed(), -1;
        }
        return n;
    }
    qint64 position() const override { return archive_filter_bytes(m_archive, -1); }

private:
    bool failed()
    {
        const char *text = archive_error_string(m_archive);
        error = tr("corrupt or truncated ZIP file (%1)")
                    .arg(text ? QString::fromLocal8Bit(text) : tr("unreadable"));
        return false;
    }
    archive *m_archive = nullptr;
    QString m_member;
    bool m_checkedEnd = false;
};

} // namespace

GoldenCopyFile::GoldenCopyFile() = default;
GoldenCopyFile::~GoldenCopyFile() = default;

QString GoldenCopyFile::typeName(MirrorFileType type)
{
    switch (type) {
    case MirrorFileType::Lei2: return QStringLiteral("LEI2");
    case MirrorFileType::Relationships: return QStringLiteral("RR");
    case MirrorFileType::Exceptions: return QStringLiteral("repex");
    case MirrorFileType::BicMap: return QStringLiteral("BIC map");
    }
    return {};
}

bool GoldenCopyFile::fail(const QString &problem)
{
    m_error = QDir::toNativeSeparators(m_path) + QStringLiteral(": ") + problem.simplified(); // one line
    return false;
}

qint64 GoldenCopyFile::bytesRead() const
{
    return m_source ? m_source->position() : 0;
}

bool GoldenCopyFile::open(const QString &path)
{
    m_path = path;
    if (!QFileInfo(path).isFile())
        return fail(QFileInfo::exists(path) ? tr("not a file") : tr("no such file"));
    QFile probe(path);
    if (!probe.open(QIODevice::ReadOnly))
        return fail(probe.errorString());
    m_size = probe.size();
    const bool zip = probe.peek(4) == QByteArrayView("PK\x03\x04", 4);
    probe.close();
    if (zip) {
        auto source = std::make_unique<ZipSource>();
        if (!source->open(path))
            return fail(source->error);
        m_source = std::move(source);
    } else {
        auto source = std::make_unique<PlainSource>(path);
        if (!source->open())
            return fail(source->error);
        m_source = std::move(source);
    }

    if (!readRecord()) {
        if (m_error.isEmpty())
            fail(tr("empty file, no header"));
        return false;
    }
    for (int c = 0; c < int(m_fieldEnds.size()); ++c) {
        const QByteArrayView name = field(c);
        m_header.append(QString::fromUtf8(name.data(), name.size()));
        m_columns.insert(m_header.constLast(), c);
    }
    const auto has = [this](const char *name) { return m_columns.contains(QLatin1String(name)); };
    if (has("LEI") && has("Entity.LegalName"))
        m_type = MirrorFileType::Lei2;
    else if (has("Relationship.StartNode.NodeID") && has("Relationship.EndNode.NodeID"))
        m_type = MirrorFileType::Relationships;
    else if (has("LEI") && has("Exception.Category"))
        m_type = MirrorFileType::Exceptions;
    else if (m_header.size() == 2 && has("LEI") && has("BIC"))
        m_type = MirrorFileType::BicMap;
    else
        return fail(tr("not a Golden Copy LEI2, RR, reporting-exception or BIC-map file (header starts: %1)")
                        .arg(m_header.mid(0, 3).join(u',').left(120)));
    return true;
}

bool GoldenCopyFile::fill()
{
    if (m_eof)
        return false;
    if (m_pos > 0) {
        m_buffer.remove(0, m_pos);
        m_pos = 0;
    }
    const qsizetype old = m_buffer.size();
    m_buffer.resize(old + kChunkBytes);
    const qint64 n = m_source->read(m_buffer.data() + old, kChunkBytes);
    m_buffer.resize(old + qMax<qint64>(n, 0));
    if (n < 0)
        return fail(m_source->error);
    if (n == 0)
        m_eof = true;
    if (old == 0 && m_records == 0 && m_line == 0 && m_buffer.startsWith("\xEF\xBB\xBF"))
        m_pos = 3;
    return n > 0;
}

bool GoldenCopyFile::next()
{
    if (!readRecord())
        return false;
    if (int(m_fieldEnds.size()) != m_header.size())
        return fail(tr("line %1: %2 fields where the header has %3 (file cut or corrupt)")
                        .arg(m_line).arg(m_fieldEnds.size()).arg(m_header.size()));
    ++m_records;
    return true;
}

bool GoldenCopyFile::readRecord()
{
    Csv::Scanner scanner(',');
    qsizetype i = m_pos;   // scan position within the buffer
    qsizetype end = -1;    // where the record's bytes end (before its line end)
    qint64 lines = 0;
    for (;;) {
        const char *d = m_buffer.constData();
        const qsizetype n = m_buffer.size();
        while (i < n) {
            const Csv::Scanner::State state = scanner.state();
            if (state == Csv::Scanner::Unquoted || state == Csv::Scanner::Quoted) {
                while (i < n && scanner.isPlain(d[i]))
                    ++i;
                if (i >= n)
                    break;
            }
            if (d[i] == '\r' && i + 1 == n && !m_eof)
                break; // its LF may be in the next chunk
            const qsizetype at = i;
            const Csv::Scanner::Event event = scanner.step(d, n, &i);
            if (event == Csv::Scanner::RowEnd) {
                ++lines;
                end = at;
                break;
            }
            if (event == Csv::Scanner::BlankLine || event == Csv::Scanner::QuotedLineEnd) {
                ++lines;
                if (event == Csv::Scanner::BlankLine)
                    m_pos = i; // not a record: skip it
            }
        }
        if (end >= 0)
            break;
        const qsizetype scanned = i - m_pos;
        if (!fill()) {
            if (!m_error.isEmpty())
                return false;
            if (m_pos >= m_buffer.size())
                return false; // the end, between records
            if (scanner.inQuotes())
                return fail(tr("line %1: a quoted field is not closed (file cut or corrupt)").arg(m_line + lines + 1));
            i = m_buffer.size();
            end = i; // the last record has no line end
            break;
        }
        i = m_pos + scanned; // fill() moved the unconsumed bytes to the front
    }
    m_line += lines;

    const QByteArrayView raw(m_buffer.constData() + m_pos, end - m_pos);
    m_fields.clear();
    m_fieldEnds.clear();
    for (qsizetype k = 0;; ++k) { // ++k: past the delimiter
        const QByteArrayView f = CsvFile::nextField(raw, &k, ',', &m_scratch);
        m_fields.append(f.data(), f.size());
        m_fieldEnds.push_back(int(m_fields.size()));
        if (k >= raw.size())
            break;
    }
    m_pos = i;
    return true;
}
