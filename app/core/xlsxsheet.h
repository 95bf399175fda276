#pragma once

#include "csvfile.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <memory>

class QIODevice;

// Reading .xlsx workbooks (issue 15, "Spreadsheets in"). A sheet is converted, streaming, to a
// private UTF-8, comma-separated, LF CSV that CsvFile opens like any other: the table, the
// enrichment and the exports need nothing of their own for spreadsheets.
namespace Xlsx {

// True for a path ending in .xlsx or .xlsm (any case).
bool isWorkbook(const QString &path);

// The default output beside an input: INPUT-stem.enriched.xlsx for a workbook, else .csv.
QString enrichedPath(const QString &input);

// The workbook's sheet names in order; empty with `error` set when it cannot be read.
QStringList sheetNames(const QString &path, QString *error);

// One sheet's rows as CSV: the first non-empty row is the header, rows with no text at all are
// left out (as blank lines are in a CSV file), a row is padded to the header's width.
class SheetReader final
{
    Q_DECLARE_TR_FUNCTIONS(XlsxSheet)
public:
    SheetReader();
    ~SheetReader();
    SheetReader(const SheetReader &) = delete;
    SheetReader &operator=(const SheetReader &) = delete;

    // Reads the workbook, its styles and shared strings, and finds the sheet named `sheet`
    // (empty: the first). Reads no rows yet.
    bool open(const QString &path, const QString &sheet, QString *error);
    QStringList sheets() const; // the workbook's, in order
    // Writes the next rows to `out` (the header first), at least `minRows` data rows or up to
    // the sheet's end. False with `error` set when the file is damaged or `out` cannot be written.
    bool writeCsv(QIODevice *out, qint64 minRows, QString *error);
    // Writes the rest, converting on every core; `progress` is called now and then. Returns
    // true when cancelled (with the rows so far written).
    bool writeRest(QIODevice *out, const std::function<void()> &progress, const std::atomic_bool *cancel,
                   QString *error);
    bool atEnd() const;
    qint64 dataRows() const;   // written so far, the header not counted
    qint64 bytesDone() const;  // of the sheet's XML, inflated
    qint64 bytesTotal() const; // the sheet's inflated size as the ZIP states it (0: unknown)

private:
    struct Private;
    std::unique_ptr<Private> d;
};

// Converts the whole sheet (options.sheet, or the first) and loads the CSV: for the command
// line and tests. The CSV lives in a private temporary folder, removed when the last reference
// to the returned file goes; path() names the workbook.
std::shared_ptr<CsvFile> load(const QString &path, const CsvOptions &options, QString *error);

// The parts CsvLoader uses to show the first rows before the rest is converted.
class Conversion final
{
public:
    // Opens the workbook and writes the header and up to `headRows` rows to a first CSV.
    static std::unique_ptr<Conversion> start(const QString &path, const CsvOptions &options,
                                             qint64 headRows, QString *error);
    ~Conversion();
    // The first rows, loaded (complete when the sheet has no more).
    std::shared_ptr<CsvFile> head() const { return m_head; }
    bool headIsAll() const;
    // Converts the rest and opens the whole CSV (not yet indexed). `progress` gets the sheet's
    // bytes read and total. When cancelled or failing midway, the rows converted so far are
    // opened; `error` says why when the file was at fault.
    std::shared_ptr<CsvFile> finish(const std::function<void(qint64, qint64)> &progress,
                                    const std::atomic_bool *cancel, QString *error);

private:
    Conversion() = default;
    struct Temp;
    std::shared_ptr<Temp> m_temp;
    SheetReader m_reader;
    std::shared_ptr<CsvFile> m_head;
    QString m_path;
    CsvOptions m_options;
};

} // namespace Xlsx
