#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

enum class MirrorFileType { Lei2, Relationships, Exceptions, BicMap };

// One Golden Copy or mapping file read as a stream of CSV records: a ZIP with one member (read
// through libarchive, ZIP64 included) or a plain CSV, RFC 4180 with CRLF or LF and an optional
// BOM. Columns are found by header name; the file's type by which names it has. Only one
// chunk and one record are in memory at a time.
class GoldenCopyFile final
{
public:
    GoldenCopyFile();
    ~GoldenCopyFile();
    GoldenCopyFile(const GoldenCopyFile &) = delete;
    GoldenCopyFile &operator=(const GoldenCopyFile &) = delete;

    // Opens the file and reads its header. False with error() on failure, also when the header
    // is not one of the four types.
    bool open(const QString &path);
    MirrorFileType type() const { return m_type; }
    QStringList header() const { return m_header; }
    // The column headed `name` (exact, as GLEIF spells it), -1 when the file has none.
    int column(const QString &name) const { return m_columns.value(name, -1); }

    // Reads the next record. False at the end or on an error (error() non-empty then): a
    // truncated or corrupt ZIP, an unclosed quote, a record with another number of fields
    // than the header.
    bool next();
    // A field of the current record, unquoted; empty for column -1. Valid until next().
    QByteArrayView field(int column) const
    {
        if (column < 0 || column >= int(m_fieldEnds.size()))
            return {};
        const int start = column == 0 ? 0 : m_fieldEnds[column - 1];
        return QByteArrayView(m_fields.constData() + start, m_fieldEnds[column] - start);
    }
    qint64 records() const { return m_records; }
    // Bytes of the file consumed so far (compressed bytes for a ZIP) and its size.
    qint64 bytesRead() const;
    qint64 size() const { return m_size; }
    // One line naming the file and the problem; empty when none.
    QString error() const { return m_error; }

    static QString typeName(MirrorFileType type);

    class Source; // where the bytes come from (ZIP member or plain file)

private:
    bool fill();
    bool fail(const QString &problem);
    bool readRecord();

    QString m_path;
    std::unique_ptr<Source> m_source;
    qint64 m_size = 0;
    QByteArray m_buffer;  // raw bytes read and not yet consumed, from m_pos
    qsizetype m_pos = 0;
    bool m_eof = false;
    qint64 m_line = 0;    // physical line the current record ends on
    QByteArray m_fields;  // the current record's fields, unquoted, back to back
    std::vector<int> m_fieldEnds;
    QByteArray m_scratch;
    QStringList m_header;
    QHash<QString, int> m_columns;
    MirrorFileType m_type = MirrorFileType::Lei2;
    qint64 m_records = 0;
    QString m_error;
};
