#pragma once

#include "csvdialect.h"

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QFile;

struct CsvOptions
{
    std::optional<char> delimiter;          // sniffed when not set
    std::optional<CsvEncoding> encoding;    // detected (BOM, UTF-8 validity) when not set
    // The columns the coming run adds, in order (empty: the default legalName, bic, country,
    // transaction_costs, enrichment_status). Exactly these at the header's end are a previous
    // run's, left out to be replaced.
    QStringList addedColumns;
    QString sheet; // of an .xlsx input (empty: the first); see xlsxsheet.h
};

// Something about the file the user should hear of; the data is kept whatever happens.
struct CsvProblem
{
    enum class Kind { FieldCount, UnclosedQuote, InvalidUtf8 };
    Kind kind = Kind::FieldCount;
    qint64 row = -1;  // data row (0 = first row after the header), -1 when not about one row
    qint64 line = 0;  // 1-based physical line in the file
    int fields = 0;   // for FieldCount: how many fields the row has
    QString message() const;
};

// A CSV file indexed by the byte offset of each row; fields are decoded on demand. Costs
// 8 bytes per row plus the mapped file, whose pages the kernel can drop and re-read, so
// millions of rows stay cheap. Rows become readable from any thread as indexing publishes them.
class CsvFile final
{
public:
    ~CsvFile();
    CsvFile(const CsvFile &) = delete;
    CsvFile &operator=(const CsvFile &) = delete;

    // Opens, detects encoding and delimiter and reads the header. No rows are indexed yet.
    static std::shared_ptr<CsvFile> open(const QString &path, const CsvOptions &options,
                                         QString *error);

    struct IndexObserver
    {
        // Called every few MB with the rows published so far; may be called from any thread.
        std::function<void(qint64 rows, qint64 bytesDone, qint64 bytesTotal)> progress;
        const std::atomic_bool *cancel = nullptr;
    };
    // Indexes every row. Returns false when cancelled (the rows indexed so far stay usable).
    bool index(const IndexObserver &observer);
    bool index() { return index(IndexObserver()); }

    // open() + index(), for the command line and tests.
    static std::shared_ptr<CsvFile> load(const QString &path, const CsvOptions &options,
                                         QString *error);

    // The file the user opened: this one, or the workbook it was converted from (xlsxsheet.h).
    const QString &path() const { return m_shownPath.isEmpty() ? m_path : m_shownPath; }
    void setShownPath(const QString &path) { m_shownPath = path; }
    CsvDialect dialect() const;
    QStringList header() const;
    // The header row's bytes as in the file (after transcoding for UTF-16), without line end.
    QByteArrayView rawHeader() const { return m_headerRaw; }
    // How many fields a raw row has (delimiters outside quotes, plus one).
    static int fieldCount(QByteArrayView raw, char delimiter);
    // Where the first `count` fields of a raw row end: at the delimiter after them, or at the
    // row's end when it has no more. `*found`: how many of them the row has (at most `count`).
    static qsizetype fieldsEnd(QByteArrayView raw, int count, char delimiter, int *found = nullptr);
    // Where the field starting at `i` ends (at its delimiter, or n); RFC 4180 quoting, with a
    // quote opening a quoted field only as the field's first byte.
    static qsizetype fieldEnd(const char *d, qsizetype n, qsizetype i, char delimiter, bool *quoted);
    // The field of `raw` starting at `*i`, unquoted ("" is a quote, text after the closing quote
    // is kept): a view into `raw`, or into `scratch` when the field was quoted. Leaves `*i` at
    // the field's delimiter (or the row's end), so a loop walks a row once.
    static QByteArrayView nextField(QByteArrayView raw, qsizetype *i, char delimiter, QByteArray *scratch);
    // The input's own columns: the header's fields less a previous run's added columns at its
    // end (legalName ... enrichment_status), which header(), rawHeader() and this leave out.
    int columnCount() const { return m_columns; }
    // The header's fields as in the file, a previous run's added columns included. A row with
    // more fields than this is a long row; its extra fields start at this index.
    int fileColumnCount() const { return m_headerFieldCount; }
    // The previous run's added columns left out of the input's own (empty when none), and the
    // notice that says so.
    QStringList replacedColumns() const;
    QString replacedColumnsNote() const;
    qint64 sizeBytes() const { return m_size; }
    bool isComplete() const { return m_complete.load(std::memory_order_acquire); }

    // Data rows with more fields than the header (fileColumnCount()), in order; complete once
    // isComplete(). Costs nothing for files without any.
    const std::vector<qint64> &longRows() const { return m_longRows; }
    // Data rows with fewer fields than the header, likewise (a blank line is no row at all).
    const std::vector<qint64> &shortRows() const { return m_shortRows; }
    // How many fields a published row has.
    int rowFieldCount(qint64 row) const { return fieldCount(rawRow(row), m_delimiter); }
    // The most fields any row published so far has (at least fileColumnCount()).
    int maxFieldCount() const { return m_maxFields.load(std::memory_order_acquire); }

    // True when the file on disk is no longer the one opened: a read found it cut short (the
    // mapped pages past its new end read as zeros instead of crashing the process), or its
    // size, modification time or identity changed. Whatever was read from it since is suspect.
    // Checks the disk (one stat) unless a change was seen already; call it when a pass ends.
    bool hasChanged() const;

    // Rows published so far (all of them once isComplete()).
    qint64 rowCount() const { return m_published.load(std::memory_order_acquire); }
    QStringList row(qint64 row) const;
    QString cell(qint64 row, int column) const;
    // A field's bytes, unquoted: a view into the file, or into `scratch` when the field was
    // quoted. For whole-column passes that need no QString (LEIs, numbers).
    QByteArrayView rawField(qint64 row, int column, QByteArray *scratch) const;
    // How the bytes decode (UTF-8 or Windows-1252), for text read with rawField().
    CsvEncoding textEncoding() const { return CsvEncoding(m_decodeEncoding.load()); }
    // The row's bytes as in the file (after transcoding for UTF-16), without its line ending.
    QByteArrayView rawRow(qint64 row) const;

    // Whole-file passes call this behind themselves: the mapped pages of rows [first, end) leave
    // the process's resident set (they stay in the page cache and come back when read).
    void releaseRows(qint64 first, qint64 end) const;

    QList<CsvProblem> problems() const;
    qint64 problemCount() const;
    // Whole-file notes (encoding fallback) for the status bar.
    QString encodingNote() const;
    // True when UTF-8 text holds bytes that are not UTF-8 (shown as U+FFFD).
    bool hasInvalidUtf8() const { return m_invalidUtf8.load(); }

    // Column named `name` (case-insensitive, trimmed), -1 when none. Default name: "lei".
    int findColumn(const QString &name = QStringLiteral("lei")) const;
    // Every column so named (the same name can head two columns).
    QList<int> findColumns(const QString &name = QStringLiteral("lei")) const;

    // Splits one row's bytes into fields (RFC 4180 quoting) and decodes them.
    static QStringList splitRow(QByteArrayView raw, char delimiter, CsvEncoding encoding);

private:
    CsvFile() = default;
    void appendRowEnd(qint64 end);
    qint64 rowEnd(qint64 row) const;
    void addProblem(CsvProblem problem);
    void releaseBytes(qint64 from, qint64 to) const;

    static constexpr int kBlockShift = 16; // 65,536 row offsets per block
    static constexpr qint64 kBlockSize = qint64(1) << kBlockShift;

    QString m_path;
    QString m_shownPath;
    std::unique_ptr<QFile> m_file;
    QByteArray m_owned; // transcoded UTF-16, or the bytes of a file that cannot be mapped
    const char *m_data = nullptr;
    qint64 m_size = 0;
    qint64 m_dataStart = 0; // after BOM and header
    qint64 m_headerLines = 0;
    qint64 m_firstInvalidLine = 0;

    char m_delimiter = ',';
    // What the file is written in; the indexer may switch it to Windows-1252 at the end.
    std::atomic<int> m_sourceEncoding{int(CsvEncoding::Utf8)};
    bool m_encodingChosen = false; // by the user: never second-guessed
    std::atomic_bool m_invalidUtf8{false};
    std::atomic<int> m_decodeEncoding{int(CsvEncoding::Utf8)}; // how m_data's bytes decode
    bool m_bom = false;
    LineEnding m_lineEnding = LineEnding::LF;
    QByteArray m_headerRaw; // the input's own columns only
    int m_headerFieldCount = 0;
    int m_columns = 0;
    QStringList m_replacedColumns;
    std::vector<qint64> m_longRows;
    std::vector<qint64> m_shortRows;
    std::atomic<int> m_maxFields{0};

    // Change detection: the mapped region's slot for the SIGBUS handler, and the file's
    // identity when opened.
    int m_region = -1;
    mutable std::atomic_bool m_changed{false};
    qint64 m_openedSize = -1;
    qint64 m_openedInode = -1;
    qint64 m_openedDevice = -1;
    qint64 m_openedMtimeNs = -1;

    // Blocks never move once allocated, and the block table is sized for the worst case
    // up front, so readers on other threads need no lock for rows below m_published.
    std::vector<std::unique_ptr<qint64[]>> m_blocks;
    qint64 m_indexed = 0; // row ends written (writer side)
    std::atomic<qint64> m_published{0};
    std::atomic_bool m_complete{false};

    mutable QMutex m_problemsMutex;
    QList<CsvProblem> m_problems;
    qint64 m_problemCount = 0;
    QString m_encodingNote;
};
