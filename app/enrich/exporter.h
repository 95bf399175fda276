#pragma once

#include <QString>

#include <atomic>
#include <functional>

class CsvFile;
class EnrichmentResults;

// Writes the input's columns unchanged followed by the five enrichment columns. Every export is
// atomic: it goes to a temporary file beside the target and is renamed over it only when
// complete, so a failure leaves any existing file as it was.
namespace Exporter {

struct Progress
{
    std::function<void(qint64 rowsDone, qint64 rows)> progress; // every 64k rows
    const std::atomic_bool *cancel = nullptr;
};

// The largest table an XLSX sheet takes: 1,048,576 rows, one of them the header.
inline constexpr qint64 kXlsxMaxDataRows = 1048575;

// .csv or .xlsx by the path's suffix. `results` may be null (nothing enriched yet: `pending`).
bool write(const CsvFile &file, const EnrichmentResults *results, const QString &path,
           QString *error, const Progress &progress = {});

// Keeps the input's delimiter, encoding, BOM and line ends.
bool writeCsv(const CsvFile &file, const EnrichmentResults *results, const QString &path,
              QString *error, const Progress &progress = {});

// Numbers as numbers, a bold frozen header, and a Failures sheet.
bool writeXlsx(const CsvFile &file, const EnrichmentResults *results, const QString &path,
               QString *error, const Progress &progress = {});

} // namespace Exporter
