#pragma once

#include <QString>
#include <QStringList>

#include <vector>

#include <atomic>
#include <functional>

class CsvFile;
class EnrichmentResults;

// Writes the input's columns unchanged followed by the five enrichment columns. Every export is
// atomic: it goes to a temporary file beside the target and is renamed over it only when
// complete (and, for XLSX, read back and found whole), so a failure leaves any existing file as
// it was. Both formats treat the target alike: an existing file keeps its mode, a symbolic link
// is written through (its target replaced, the link kept), a new file follows the umask.
namespace Exporter {

struct Progress
{
    std::function<void(qint64 rowsDone, qint64 rows)> progress; // every 64k rows (CSV: every block)
    const std::atomic_bool *cancel = nullptr;
};

struct Options
{
    // Neutralise formulas in the input's own cells too (CSV only; GLEIF text always is). Off,
    // the input's bytes are written back unchanged.
    bool neutraliseInputFormulas = false;
    // Receives what the user should hear of about the export (the encoding switched to UTF-8);
    // notices never make an export fail. May be null.
    QStringList *notices = nullptr;
    // The rows to write, in this order (the window's filter and sort); null: every row, in the
    // file's order. The Failures sheet lists the same rows.
    const std::vector<qint32> *rows = nullptr;
    // CSV: rows per block; blocks are formatted on the thread pool and written in order
    // (progress and cancelling are per block). Tests make it small.
    qint64 blockRows = 16384;
};

// The largest table an XLSX sheet takes: 1,048,576 rows, one of them the header.
inline constexpr qint64 kXlsxMaxDataRows = 1048575;

// Text that a spreadsheet would run as a formula: it starts with = + - @ tab or CR (OWASP's list
// for CSV injection) and is not a plain number such as "-12.5" or "+1e5", which stays a number.
bool isFormulaLike(QStringView text);
bool isFormulaLike(QByteArrayView text); // the same rule on ASCII-compatible bytes
// `text` with a leading ' when isFormulaLike(), else unchanged. The CSV export and the
// clipboard use it.
QString neutraliseFormula(const QString &text);

// .csv or .xlsx by the path's suffix. `results` may be null (nothing enriched yet: `pending`).
bool write(const CsvFile &file, const EnrichmentResults *results, const QString &path,
           QString *error, const Progress &progress = {}, const Options &options = {});

// Keeps the input's delimiter, encoding, BOM and line ends; a Windows-1252 input whose added
// text does not fit Windows-1252 is written in UTF-8 with a BOM instead, with a notice.
bool writeCsv(const CsvFile &file, const EnrichmentResults *results, const QString &path,
              QString *error, const Progress &progress = {}, const Options &options = {});

// Numbers as numbers, text as text (never a formula), a bold frozen header, and a Failures sheet.
bool writeXlsx(const CsvFile &file, const EnrichmentResults *results, const QString &path,
               QString *error, const Progress &progress = {}, const Options &options = {});

// Reads a written workbook back: the ZIP's central directory parses, every part inflates to its
// recorded size, and every XML part ends with the closing tag of its root element (a sheet cut
// short by a failed write to libxlsxwriter's unchecked temporary files does not). Costs about
// 0.65 s of CPU for a 1,000,000-row sheet (730 MB of XML). On failure `why` says what is wrong.
bool checkXlsx(const QString &path, QString *why);

} // namespace Exporter
